import { z } from 'zod';
import { FollowUpContactSchema } from './follow-up.js';

/** A rating as the counter sends it for the service just finished; the levels are in satisfaction.ts. */
export const EvaluationInputSchema = z
  .object({
    ticketId: z.string().min(1).max(64),
    level: z.number().int().min(1).max(5),
    reasons: z.array(z.string().min(1).max(40)).max(10).default([]),
    text: z.string().max(300).optional(),
    /** With a 差评, where the citizen leaves one: how the hall reaches them for 反馈 and 回访. */
    contact: FollowUpContactSchema.optional(),
  })
  .strict();

export const EvaluationSchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  windowNumber: z.number().int().nullable(),
  at: z.string(),
  level: z.number().int().min(1).max(5),
  levelName: z.string(),
  reasons: z.array(z.string()),
  followUp: z.boolean(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;
