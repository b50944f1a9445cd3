import { z } from 'zod';

/**
 * 好差评 at the window (一次一评): five levels with the GB/T 39046 满意度 codes, 1 非常满意 … 5 非常不满意.
 * Some provincial interfaces number the other way round; map them at that interface, not here.
 */
export const SATISFACTION_LEVELS = [
  { code: 1, name: '非常满意', en: 'Very satisfied' },
  { code: 2, name: '满意', en: 'Satisfied' },
  { code: 3, name: '基本满意', en: 'Fairly satisfied' },
  { code: 4, name: '不满意', en: 'Dissatisfied' },
  { code: 5, name: '非常不满意', en: 'Very dissatisfied' },
] as const;

/** The last two are 差评: each must be verified, rectified and answered. */
export const isBadReview = (level: number) => level >= 4;

export const EvaluationInputSchema = z
  .object({
    ticketId: z.string().min(1).max(64),
    level: z.number().int().min(1).max(5),
    reasons: z.array(z.string().min(1).max(40)).max(10).default([]),
    text: z.string().max(300).optional(),
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
