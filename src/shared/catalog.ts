import { z } from 'zod';
import { CASE_TYPES, codeEnum, HANDLING_FORMS } from './cases.js';

/**
 * The service catalog (事项库) as a hall sorts it out for "一窗受理": each item with its materials and
 * their exact requirements, the questions that decide which materials apply (the situation tree),
 * the application form, time limits, fees and flow; and the 一件事 bundles that merge several items
 * into one application. Kiosk guidance and counter checklists both run on it.
 */

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '编号只能用小写字母、数字和连字符 / ids use lowercase letters, digits and hyphens');
const text = (max: number) => z.string().trim().min(1, '不能为空 / must not be empty').max(max);

/** 事项类型 (GB/T 39046): 00 行政权力 … 20 公共服务. */
export const ITEM_TYPES = {
  '00': '行政权力',
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他行政权力',
  '20': '公共服务',
} as const;

/** The flow of the seed's reform: at most 受理 → 审核 → 决定, in that order. */
export const FLOW_STEPS = ['受理', '审核', '决定'] as const;

export const MaterialDefSchema = z
  .object({
    id,
    name: text(100),
    /** 原件 to be seen, 复印件 to keep, or both. */
    original: z.enum(['original', 'copy', 'both']),
    count: z.number().int().min(0).max(99),
    carrier: z.enum(['paper', 'electronic', 'either']),
    /** What the material must be like, in the words a clerk checks against. */
    requirements: text(500),
    /** Who provides it: the applicant, an e-licence (电子证照), or a department shares it (免提交). */
    source: z.enum(['applicant', 'e-licence', 'shared']),
  })
  .strict();
export type MaterialDef = z.infer<typeof MaterialDefSchema>;

/** `number`: an amount such as 注册资本, digits with an optional decimal part; it gets a number pad, not letters. */
export const FIELD_TYPES = ['text', 'number', 'idNumber', 'phone', 'date', 'region', 'choice', 'yesNo', 'signature'] as const;
/** What the ID card can fill in. */
export const PREFILL_SOURCES = ['name', 'idNumber', 'sex', 'birthDate', 'address'] as const;

export const FormFieldSchema = z
  .object({
    id,
    label: text(60),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(true),
    options: z.array(text(60)).min(2).max(30).optional(),
    prefill: z.enum(PREFILL_SOURCES).optional(),
    help: z.string().max(200).optional(),
    rules: z
      .object({
        minLength: z.number().int().min(0).optional(),
        maxLength: z.number().int().min(1).optional(),
        pattern: z.string().optional(),
        /** Shown when the value breaks a rule: what is wrong and how to write it. */
        message: text(100),
      })
      .strict()
      .optional(),
  })
  .strict();
export type FormField = z.infer<typeof FormFieldSchema>;

export const FormDefSchema = z
  .object({
    id,
    title: text(60),
    pages: z.array(z.object({ title: text(40), fields: z.array(FormFieldSchema).min(1) }).strict()).min(1),
  })
  .strict();
export type FormDef = z.infer<typeof FormDefSchema>;

/** Every field of a form, page after page. */
export const formFields = (form: FormDef): FormField[] => form.pages.flatMap((page) => page.fields);

const QuestionSchema = z
  .object({
    kind: z.literal('question'),
    text: text(100),
    help: z.string().max(200).optional(),
    options: z
      .array(z.object({ value: id, label: text(40), next: id }).strict())
      .min(2)
      .max(8),
  })
  .strict();
const OutcomeSchema = z
  .object({
    kind: z.literal('outcome'),
    /** The item's materials that apply, by id. */
    materials: z.array(id).min(1),
    /** The form variant, by id among the catalog's forms. */
    form: id,
    notes: z.array(text(200)).default([]),
  })
  .strict();
export const SituationNodeSchema = z.discriminatedUnion('kind', [QuestionSchema, OutcomeSchema]);
export type SituationNode = z.infer<typeof SituationNodeSchema>;

export const ItemSchema = z
  .object({
    basicCode: z.string().regex(/^[0-9A-Z]{6,24}$/, '基本编码为 6–24 位数字或大写字母 / a basic code is 6–24 digits or capitals'),
    implCode: z
      .string()
      .regex(/^[0-9A-Z]{12,31}$/, '实施编码为 12–31 位数字或大写字母 / an implementation code is 12–31 digits or capitals'),
    name: text(100),
    department: text(60),
    /** The hall queue (zone) that serves it. */
    zone: id,
    itemType: codeEnum(ITEM_TYPES),
    caseType: codeEnum(CASE_TYPES),
    handlingForms: z.array(codeEnum(HANDLING_FORMS)).min(1),
    promisedDays: z.number().int().min(0).max(365),
    legalDays: z.number().int().min(0).max(365),
    fees: z.array(z.object({ name: text(60), amount: text(60), basis: text(200) }).strict()).default([]),
    flow: z.array(z.enum(FLOW_STEPS)).min(1).max(3),
    prohibitions: z.array(text(200)).default([]),
    relaxedConditions: z.array(text(200)).default([]),
    reviewPoints: z.array(text(200)).default([]),
    clerkNotes: z.array(text(200)).default([]),
    citizenNotes: z.array(text(200)).default([]),
    synonyms: z.array(text(30)).default([]),
    lifeEvents: z.array(text(20)).default([]),
    materials: z.array(MaterialDefSchema).min(1),
    situations: z.object({ start: id, nodes: z.record(id, SituationNodeSchema) }).strict(),
  })
  .strict();
export type Item = z.infer<typeof ItemSchema>;

export const BundleSchema = z
  .object({
    id,
    name: text(60),
    description: text(300),
    lifeEvents: z.array(text(20)).default([]),
    synonyms: z.array(text(30)).default([]),
    /** The items merged, by 实施编码. */
    items: z.array(z.string()).min(2),
  })
  .strict();
export type Bundle = z.infer<typeof BundleSchema>;

export const ZoneSchema = z.object({ id, name: text(30) }).strict();

export const RegionSchema = z
  .object({ code: z.string().regex(/^\d{6}$/, '行政区划代码为 6 位数字 / a GB/T 2260 code is 6 digits'), name: text(30) })
  .strict();

/** The catalog as terminals receive and cache it: one document, with the version it was published as. */
export const CatalogSchema = z
  .object({
    version: z.string().min(1).max(80),
    /** True for the sample shipped with OneWindow: screens and printouts say so. */
    sample: z.boolean().default(false),
    /** The hall's zones (queues) items are served at, for browsing by department and zone. */
    zones: z.array(ZoneSchema).min(1),
    items: z.array(ItemSchema),
    bundles: z.array(BundleSchema).default([]),
    forms: z.array(FormDefSchema),
    regions: z.array(RegionSchema).default([]),
  })
  .strict();
export type Catalog = z.infer<typeof CatalogSchema>;
