import { z } from 'zod';

/** What the applicant's screen shows for them to confirm: the item, the materials, the form (people masked). */
export const IntakeReviewSchema = z
  .object({
    itemName: z.string().min(1).max(200),
    materials: z.array(z.object({ name: z.string().max(100), form: z.string().max(20), count: z.number().int().min(0) })).max(100),
    fields: z.array(z.object({ label: z.string().min(1).max(60), value: z.string().max(200) })).max(100),
  })
  .strict();

/** What the applicant's screen beside a counter shows. */
export const CustomerViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('welcome'),
    windowLabel: z.string().max(40),
    clerkName: z.string().max(20).optional(),
    clerkId: z.string().max(20).optional(),
  }),
  /** After a service: the applicant may rate it (好差评), or not; the screen returns to welcome by itself. */
  z.object({
    kind: z.literal('rating'),
    windowLabel: z.string().max(40),
    ticketId: z.string(),
    ticketNumber: z.string(),
  }),
  /** During intake: what is being recorded, for the applicant to confirm and sign. */
  IntakeReviewSchema.extend({
    kind: z.literal('review'),
    windowLabel: z.string().max(40),
    applicantName: z.string().max(40),
    applicantIdNumber: z.string().max(40),
    confirmed: z.boolean(),
  }),
  /** After 受理: the case is taken in, under the receipt number printed for the applicant (grouped as on the receipt). */
  z.object({
    kind: z.literal('accepted'),
    windowLabel: z.string().max(40),
    itemName: z.string().min(1).max(200),
    receiptNumber: z.string().min(1).max(20),
  }),
  z.object({
    kind: z.literal('paused'),
    windowLabel: z.string().max(40),
    reason: z.string().max(60).optional(),
  }),
]);
export type CustomerView = z.infer<typeof CustomerViewSchema>;
