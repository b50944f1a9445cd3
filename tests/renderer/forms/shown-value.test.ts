import { describe, expect, it } from 'vitest';
import type { FormField } from '../../../src/shared/catalog.js';
import { shownFieldValue } from '../../../src/renderer/forms/shown-value.js';

const REGIONS = [
  { code: '440303', name: '示例市罗湖区' },
  { code: '440305', name: '示例市南山区' },
];
const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  id: 'f',
  label: 'F',
  type,
  required: true,
  ...extra,
});

describe('a form value on a screen', () => {
  it('names the region instead of showing its code', () => {
    expect(shownFieldValue(field('region'), '440305', REGIONS)).toBe('示例市南山区');
  });

  it('masks what the card gave, as every screen does', () => {
    expect(shownFieldValue(field('idNumber'), '430602199003071231', REGIONS)).toBe('430602********1231');
    expect(shownFieldValue(field('text'), '经营范围', REGIONS)).toBe('经营范围');
  });
});
