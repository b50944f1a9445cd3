import { z } from 'zod';

/** What the applicant's screen beside a counter shows. Intake screens join this union in their issue. */
export const CustomerViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('welcome'),
    windowLabel: z.string().max(40),
    clerkName: z.string().max(20).optional(),
  }),
  z.object({
    kind: z.literal('paused'),
    windowLabel: z.string().max(40),
    reason: z.string().max(60).optional(),
  }),
]);
export type CustomerView = z.infer<typeof CustomerViewSchema>;
