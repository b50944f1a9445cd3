import { z } from 'zod';
import { CaseDraftSchema, CasePersonSchema, CaseSummarySchema, SignatureStrokesSchema } from './cases.js';
import { IntakeReviewSchema } from './customer-view.js';
import { ClerkCardViewSchema } from './idcard.js';
import { HandedOverSchema } from './platform-api.js';
import { PrintJobViewSchema } from './printing.js';
import { RequestIdSchema } from './request-id.js';
import { event, method } from './rpc/define.js';

/**
 * Intake at the window (一窗受理): the host holds what is personal — the cards read, the pre-filled
 * application, the signature — and builds the case from them; the clerk's page sends the rest and sees
 * people masked.
 */
const PersonSourceSchema = z.discriminatedUnion('from', [
  /** The card read for this role at this intake. */
  z.object({ from: z.literal('card') }).strict(),
  /** The applicant of the pre-filled application opened at this intake. */
  z.object({ from: z.literal('prefill') }).strict(),
  /** Typed by the clerk, for a document the reader cannot read. */
  z.object({ from: z.literal('typed'), person: CasePersonSchema }).strict(),
]);

/** The case as the clerk's page gives it: the draft's own fields, with the people named by where they come from. */
export const IntakeSubmissionSchema = CaseDraftSchema.pick({
  itemCode: true,
  itemName: true,
  caseType: true,
  handlingForm: true,
  flags: true,
  promisedDays: true,
  materials: true,
  form: true,
  /** 不予受理 / 补正: the one-time notice, printed and recorded instead of a receipt. */
  notice: true,
})
  .extend({
    applicant: PersonSourceSchema,
    agent: PersonSourceSchema.optional(),
    /** The applicant's mobile, asked at the window when no form carried it. */
    mobile: z
      .string()
      .regex(/^1\d{10}$/, '手机号应为 11 位数字，以 1 开头 / a mobile number is 11 digits starting with 1')
      .optional(),
    requestId: RequestIdSchema,
  })
  .strict();
export type IntakeSubmission = z.output<typeof IntakeSubmissionSchema>;

const operator = ['operator'] as const;

export const intakeMethods = {
  'intake.readCard': method({
    summary:
      'Use the card just read for the applicant or the agent (代办); the host keeps it, the clerk’s page gets it in full to check the person, with what does not add up.',
    input: z.object({ as: z.enum(['applicant', 'agent']) }).strict(),
    output: ClerkCardViewSchema,
    roles: operator,
  }),
  'intake.review': method({
    summary: 'Show the applicant what is being recorded, to confirm and sign on their screen.',
    input: IntakeReviewSchema,
    output: z.object({}),
    roles: operator,
  }),
  'intake.submit': method({
    summary:
      '受理 (register, print the receipt) or 不予受理 (record, print the refusal notice, and the one-time notice of what is missing); then the intake ends.',
    input: IntakeSubmissionSchema,
    output: z.object({
      case: CaseSummarySchema,
      /** The receipt, or the 不予受理通知书; null when this counter has no printer. */
      print: PrintJobViewSchema.nullable(),
      /** 不予受理 with materials missing: the 一次性告知单 naming them. */
      oneTimeNotice: PrintJobViewSchema.nullable(),
    }),
    roles: operator,
  }),
  'intake.reset': method({
    summary: 'Start a new intake: forget the cards, the pre-filled application and the signature of the last one.',
    input: z.object({}).strict(),
    output: z.object({}),
    roles: operator,
  }),
  'pickup.handOver': method({
    summary:
      '出件 at any counter of the hall: hand out the result of the case on a receipt (its QR, 受理编号 or 办件编号) to the applicant or agent whose card was just read, and print the pickup slip.',
    input: z
      .object({
        reference: z.string().trim().min(1, '请扫描回执二维码或输入受理编号 / scan the receipt or type its receipt number').max(80),
      })
      .strict(),
    output: z.object({ handed: HandedOverSchema.extend({ caseNumber: z.string().nullable() }), print: PrintJobViewSchema.nullable() }),
    roles: operator,
  }),
  'customer.confirm': method({
    summary: 'The applicant confirms what is shown and signs (the strokes and the picture of them).',
    input: z.object({ strokes: SignatureStrokesSchema, png: z.base64().max(2_000_000) }).strict(),
    output: z.object({}),
    roles: ['customer'],
  }),
};

export const intakeEvents = {
  'intake.confirmed': event({
    summary: 'The applicant confirmed and signed on their screen.',
    payload: z.object({ at: z.string() }),
    roles: operator,
  }),
};
