import { z } from 'zod';

const minutes = z.number().nullable();

export const StatsRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  issued: z.number().int(),
  called: z.number().int(),
  served: z.number().int(),
  noShow: z.number().int(),
  transferredOut: z.number().int(),
  /** Transfers that arrived in this queue (a queue's intake, as issued is: 0 for windows and clerks). */
  transferredIn: z.number().int(),
  avgWaitMinutes: minutes,
  avgServiceMinutes: minutes,
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

/** The end-of-day numbers a hall manager asks for, by queue, window, hour and clerk; what each counts is set out at createStats (src/hall/stats.ts). */
export const HallStatsSchema = z.object({
  date: z.string(),
  byQueue: z.array(StatsRowSchema),
  byWindow: z.array(StatsRowSchema),
  byHour: z.array(StatsRowSchema),
  byClerk: z.array(StatsRowSchema),
  totals: StatsRowSchema.extend({ noShowRate: z.number().nullable(), transferRate: z.number().nullable() }),
  evaluations: z.object({ count: z.number().int(), byLevel: z.array(z.number().int()).length(5), followUp: z.number().int() }),
});
export type HallStats = z.infer<typeof HallStatsSchema>;

export const STATS_GROUPS = ['queue', 'window', 'hour', 'clerk'] as const;
