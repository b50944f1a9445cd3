import type { FormField } from '../../shared/catalog.js';
import { maskedFieldValue } from '../../shared/form-values.js';

export interface RegionName {
  code: string;
  name: string;
}

/**
 * A form's value as a screen shows it: a region by its name (the form keeps the GB/T 2260 code, people
 * know 南山区, not 440303), everything else masked as every screen masks it.
 */
export function shownFieldValue(field: FormField, value: string, regions: readonly RegionName[]): string {
  if (field.type === 'region') return regions.find((region) => region.code === value)?.name ?? value;
  return maskedFieldValue(field, value);
}
