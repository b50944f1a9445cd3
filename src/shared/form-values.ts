import { formFields, type Catalog, type FormDef, type FormField } from './catalog.js';
import { birthDateFromIdNumber, isCalendarDate, isValidIdNumber, maskIdNumber, maskName, sexCodeFromIdNumber } from './id-number.js';

export type FormValues = Record<string, string>;

/** A `number` field's value: digits, and a decimal part if any. */
const NUMBER = /^\d+(\.\d+)?$/;
/** The two values a yes/no field stores, the words the forms print, whatever language the screen that asks it shows. */
export const YES_NO = ['是', '否'] as const;

/** What the ID card gives a form; only fields that ask for it are filled. */
export interface CardForPrefill {
  name: string;
  idNumber: string;
  address?: string;
}

/** Fills the fields that ask for a card value, leaving what the applicant typed alone. */
export function prefillFromCard(form: FormDef, card: CardForPrefill, values: FormValues = {}): FormValues {
  const filled = { ...values };
  for (const field of formFields(form)) {
    if (!field.prefill || filled[field.id]) continue;
    const birth = birthDateFromIdNumber(card.idNumber);
    const value = {
      name: card.name,
      idNumber: card.idNumber,
      address: card.address ?? '',
      birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      sex: sexCodeFromIdNumber(card.idNumber) === '1' ? '男' : '女',
    }[field.prefill];
    if (value) filled[field.id] = value;
  }
  return filled;
}

/** `138****8000`: a telephone number with its middle starred, as banks and carriers show one. */
export function maskPhone(value: string): string {
  const digits = [...value];
  return digits.length < 8 ? '****' : `${digits.slice(0, 3).join('')}****${digits.slice(-4).join('')}`;
}

/**
 * A form's value as a screen that others can see shows it: names, ID numbers and telephone numbers
 * masked as on the card panel, an address cut to its first six characters. Kiosk, counter and the
 * applicant's screen use it.
 */
export function maskedFieldValue(field: FormField, value: string): string {
  if (field.prefill === 'name') return maskName(value);
  if (field.type === 'idNumber' || field.prefill === 'idNumber') return maskIdNumber(value);
  if (field.prefill === 'address') return `${[...value].slice(0, 6).join('')}****`;
  if (field.type === 'phone') return maskPhone(value);
  return value;
}

/** What is wrong with one answer, in words the applicant can act on; null when it is fine. */
export function fieldProblem(field: FormField, raw: string | undefined, catalog: Pick<Catalog, 'regions'>): string | null {
  const value = (raw ?? '').trim();
  if (value === '') return field.required ? `请填写“${field.label}”` : null;
  switch (field.type) {
    case 'idNumber':
      if (!isValidIdNumber(value.toUpperCase())) return `“${field.label}”不是有效的身份证号码，请核对 18 位号码（最后一位可能是 X）`;
      break;
    case 'number':
      if (!NUMBER.test(value)) return `“${field.label}”请填写数字，例如 100 或 12.5`;
      break;
    case 'phone':
      if (!/^1\d{10}$/.test(value) && !/^0\d{2,3}-?\d{7,8}$/.test(value)) return `“${field.label}”应为 11 位手机号或带区号的固定电话`;
      break;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarDate(value.replaceAll('-', '')))
        return `“${field.label}”应为日期，例如 2026-01-31`;
      break;
    case 'region':
      if (!catalog.regions.some((region) => region.code === value)) return `“${field.label}”请从列表中选择行政区划`;
      break;
    case 'choice':
      if (!field.options?.includes(value)) return `“${field.label}”请从给出的选项中选择`;
      break;
    case 'yesNo':
      if (!(YES_NO as readonly string[]).includes(value)) return `“${field.label}”请选择“是”或“否”`;
      break;
    case 'text':
    case 'signature':
      break;
  }
  const rules = field.rules;
  if (rules) {
    const length = [...value].length;
    if ((rules.minLength !== undefined && length < rules.minLength) || (rules.maxLength !== undefined && length > rules.maxLength))
      return rules.message;
    if (rules.pattern !== undefined && !new RegExp(rules.pattern).test(value)) return rules.message;
  }
  return null;
}

/** Every problem of a filled form, by field id; empty when it can be submitted. */
export function formProblems(form: FormDef, values: FormValues, catalog: Pick<Catalog, 'regions'>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of formFields(form)) {
    const problem = fieldProblem(field, values[field.id], catalog);
    if (problem) problems[field.id] = problem;
  }
  return problems;
}

/**
 * The form's answers as a JSON Schema (2020-12), for systems that receive them — the platform, a
 * department's system — and validate with their own tools. What JSON Schema cannot say (the ID
 * number's check digit, calendar dates) fieldProblem still checks.
 */
export function formJsonSchema(form: FormDef, catalog: Pick<Catalog, 'regions'>): Record<string, unknown> {
  const fields = formFields(form);
  const property = (field: FormField): Record<string, unknown> => {
    const base: Record<string, unknown> = { type: 'string', title: field.label };
    if (field.rules?.minLength !== undefined) base.minLength = field.rules.minLength;
    if (field.rules?.maxLength !== undefined) base.maxLength = field.rules.maxLength;
    if (field.rules?.pattern !== undefined) base.pattern = field.rules.pattern;
    switch (field.type) {
      case 'idNumber':
        return { ...base, pattern: '^\\d{17}[0-9Xx]$' };
      case 'number':
        return { ...base, pattern: NUMBER.source };
      case 'phone':
        return { ...base, pattern: '^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$' };
      case 'date':
        return { ...base, format: 'date' };
      case 'region':
        return { ...base, enum: catalog.regions.map((region) => region.code) };
      case 'choice':
        return { ...base, enum: field.options ?? [] };
      case 'yesNo':
        return { ...base, enum: [...YES_NO] };
      default:
        return base;
    }
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: form.title,
    type: 'object',
    properties: Object.fromEntries(fields.map((field) => [field.id, property(field)])),
    required: fields.filter((field) => field.required).map((field) => field.id),
    additionalProperties: false,
  };
}
