import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src/shared/catalog.js';
import { fieldProblem } from '../../src/shared/form-values.js';

const capital: FormField = { id: 'capital', label: '注册资本（万元）', type: 'number', required: false };

describe('a number field', () => {
  it('takes digits with an optional decimal part', () => {
    for (const value of ['100', '12.5', '0']) expect(fieldProblem(capital, value, { regions: [] })).toBeNull();
  });

  it('says what to write otherwise', () => {
    for (const value of ['十万', '12.', '1e5', '-3']) expect(fieldProblem(capital, value, { regions: [] })).toContain('请填写数字');
  });
});
