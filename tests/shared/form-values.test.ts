import { describe, expect, it } from 'vitest';
import type { FormField } from '../../src/shared/catalog.js';
import { fieldProblem, maskedFieldValue } from '../../src/shared/form-values.js';

const capital: FormField = { id: 'capital', label: '注册资本（万元）', type: 'number', required: false };

describe('a number field', () => {
  it('takes digits with an optional decimal part', () => {
    for (const value of ['100', '12.5', '0']) expect(fieldProblem(capital, value, { regions: [] })).toBeNull();
  });

  it('says what to write otherwise', () => {
    for (const value of ['十万', '12.', '1e5', '-3']) expect(fieldProblem(capital, value, { regions: [] })).toContain('请填写数字');
  });
});

describe('a value on a screen others can see', () => {
  it('stars the middle of a telephone number, a mobile or a landline, as a name or an ID number is masked', () => {
    const phone: FormField = { id: 'phone', label: '联系电话', type: 'phone', required: false };
    expect(maskedFieldValue(phone, '13800138000')).toBe('138****8000');
    expect(maskedFieldValue(phone, '0755-83888888')).toBe('075****8888');
    expect(maskedFieldValue(phone, '123')).toBe('****');
  });
});
