import { z } from 'zod';

/** What the applicant's screen beside a counter shows. Intake screens join this union in their issue. */
export const CustomerViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('welcome'),
    windowLabel: z.string().max(40),
    clerkName: z.string().max(20).optional(),
  }),
  /** After a service: the applicant may rate it (好差评), or not; the screen returns to welcome by itself. */
  z.object({
    kind: z.literal('rating'),
    windowLabel: z.string().max(40),
    ticketId: z.string(),
    ticketNumber: z.string(),
  }),
  z.object({
    kind: z.literal('paused'),
    windowLabel: z.string().max(40),
    reason: z.string().max(60).optional(),
  }),
]);
export type CustomerView = z.infer<typeof CustomerViewSchema>;
