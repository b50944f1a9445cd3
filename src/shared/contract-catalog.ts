import { z } from 'zod';
import { ItemSchema } from './catalog.js';
import { GuideContentSchema, GuideTargetSchema } from './guide-document.js';
import { AnswersSchema, GuidanceStepSchema } from './guidance.js';
import { PrintJobViewSchema } from './printing.js';
import { event, method } from './rpc/define.js';

export const CatalogHitSchema = z.object({
  kind: z.enum(['item', 'bundle']),
  /** 实施编码 of an item, id of a bundle. */
  code: z.string(),
  name: z.string(),
  department: z.string(),
  zone: z.string(),
  score: z.number(),
});
export type CatalogHit = z.infer<typeof CatalogHitSchema>;

const counted = z.array(z.object({ name: z.string(), count: z.number().int() }));

/** A guided form-filling step: the target with every answer given so far. */
export const GuideRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), code: z.string().min(1).max(31), answers: AnswersSchema.default({}) }).strict(),
  z
    .object({ kind: z.literal('bundle'), id: z.string().min(1).max(64), answers: z.record(z.string().max(31), AnswersSchema).default({}) })
    .strict(),
]);

const both = ['kiosk', 'operator'] as const;

/** The service catalog on the terminal: search, browse, guidance and guides; kiosks and counters alike. */
export const catalogMethods = {
  'catalog.info': method({
    summary: 'The catalog this terminal uses: its version, whether it is the sample, and what there is to browse.',
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      /** Why the last update from the platform failed, while it does; the version in use still works. */
      updateError: z.string().nullable(),
      sample: z.boolean(),
      zones: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })),
      departments: counted,
      lifeEvents: counted,
      bundles: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          description: z.string(),
          items: z.array(z.object({ code: z.string(), name: z.string() })),
        }),
      ),
      /** The 行政区划 a form's region field chooses from. */
      regions: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
    roles: both,
  }),
  'catalog.search': method({
    summary: 'Items and 一件事 by name, pinyin or initials, synonyms and department, best first; works offline.',
    input: z.object({ query: z.string().max(50), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    output: z.object({ hits: z.array(CatalogHitSchema) }),
    roles: both,
  }),
  'catalog.browse': method({
    summary: 'The items of one department, zone or life event.',
    input: z.object({ by: z.enum(['department', 'zone', 'lifeEvent']), value: z.string().min(1).max(60) }).strict(),
    output: z.object({ hits: z.array(CatalogHitSchema) }),
    roles: both,
  }),
  'catalog.item': method({
    summary: 'One item, whole: materials, situations, time limits, fees, flow, notes.',
    input: z.object({ code: z.string().min(1).max(31) }).strict(),
    output: ItemSchema,
    roles: both,
  }),
  'catalog.guide': method({
    summary: 'Guided form-filling: the next situation question, or the materials, form and notes that apply.',
    input: GuideRequestSchema,
    output: GuidanceStepSchema,
    roles: both,
  }),
  'catalog.guideContent': method({
    summary: 'The 办事指南 of an item or bundle, to show on screen.',
    input: GuideTargetSchema,
    output: GuideContentSchema,
    roles: both,
  }),
  'catalog.guideDocument': method({
    summary: 'The 办事指南 of an item or bundle as a printable A4 HTML page.',
    input: GuideTargetSchema,
    output: z.object({ html: z.string() }),
    roles: both,
  }),
  'catalog.printGuide': method({
    summary: 'Print the 办事指南 as a slip on this terminal’s printer.',
    input: GuideTargetSchema,
    output: PrintJobViewSchema.nullable(),
    roles: both,
  }),
  'catalog.refresh': method({
    summary:
      'Ask the platform now for a newer catalog (the terminal also asks every ten minutes), after the hall was told one was published.',
    input: z.object({}).strict(),
    output: z.object({
      /** Whether a newer version was taken into use by this call. */
      updated: z.boolean(),
      /** The version in use after it. */
      version: z.string(),
      /** Why the platform's catalog could not be taken, when it could not; the version in use still works. */
      updateError: z.string().nullable(),
    }),
    roles: ['operator'],
  }),
};

export const catalogEvents = {
  'catalog.updated': event({
    summary: 'A new catalog version arrived from the platform and is in use.',
    payload: z.object({ version: z.string() }),
    roles: both,
  }),
};
