import { z } from 'zod';
import { HALL_EVENT_TYPES } from './hall-events.js';
import { DeadlineCaseSchema } from './platform-api.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD / the date is YYYY-MM-DD')
  .optional();

/** 电子监察's filter of the hall's chained log: local days, who, what, and a page before a seq (newest first). */
export const AuditQuerySchema = z.object({
  from: day,
  to: day,
  /** An actor as the log names it: a terminal id, `manager:<id>`, `hall`, `hall-admin`; or the part of one typed. */
  actor: z.string().trim().max(60).optional(),
  type: z.enum(HALL_EVENT_TYPES).optional(),
  before: z.coerce.number().int().min(1).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditRowSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.enum(HALL_EVENT_TYPES),
  /** Who, as the log records it, and by name where the hall knows one (a manager's, a clerk's). */
  actor: z.string(),
  actorName: z.string().nullable(),
  windowNumber: z.number().int().nullable(),
  ticketNumber: z.string().nullable(),
  /** What it was about beyond the ticket: the terminal, clerk, manager, alert, work order or version named. */
  subject: z.string().nullable(),
  hash: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRowSchema>;

export const AUDIT_PAGE_ROWS = 200;

export const AuditPageSchema = z.object({
  rows: z.array(AuditRowSchema),
  /** The `before` of the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

/** The chain checked whole, and against the platform's anchors: what a supervisor or a third party relies on. */
export const AuditVerificationSchema = z.object({
  checkedAt: z.string(),
  entries: z.number().int(),
  lastSeq: z.number().int(),
  intact: z.boolean(),
  /** One line, Chinese first: 完整, or which damage was found. */
  verdict: z.string(),
  problems: z.array(z.string()),
  platform: z.discriminatedUnion('state', [
    z.object({
      state: z.literal('checked'),
      anchors: z.number().int(),
      matched: z.number().int(),
      newestSeq: z.number().int().nullable(),
      newestAt: z.string().nullable(),
    }),
    z.object({ state: z.literal('unconfigured') }),
    z.object({ state: z.literal('unreachable'), message: z.string() }),
  ]),
});
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

/** A 承诺件 near or past its promised date: 黄牌 within the hall's warning days, 红牌 past it. */
export const DeadlineCardSchema = DeadlineCaseSchema.extend({
  /** YYYY-MM-DD (the platform's is the wire's YYYYMMDD). */
  promisedDate: z.string(),
  card: z.enum(['yellow', 'red']),
  /** Working days from today to the promised date (0: due today); past it, how many working days late, negative. */
  workingDaysLeft: z.number().int(),
});
export type DeadlineCard = z.infer<typeof DeadlineCardSchema>;

export const DeadlineCardsSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('checked'),
    today: z.string(),
    warningDays: z.number().int(),
    /** How many 承诺件 are being worked on, carded or not. */
    open: z.number().int(),
    cards: z.array(DeadlineCardSchema),
  }),
  z.object({ state: z.literal('unconfigured') }),
  z.object({ state: z.literal('unreachable'), message: z.string() }),
]);
export type DeadlineCards = z.infer<typeof DeadlineCardsSchema>;
