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

/**
 * The numbers a hall manager asks for over local days `from` to `to`: by queue, window, hour of the day, day
 * and clerk; what each counts is set out at createStats (src/hall/stats.ts).
 */
export const HallStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  byQueue: z.array(StatsRowSchema),
  byWindow: z.array(StatsRowSchema),
  byHour: z.array(StatsRowSchema),
  byDay: z.array(StatsRowSchema),
  byClerk: z.array(StatsRowSchema),
  totals: StatsRowSchema.extend({ noShowRate: z.number().nullable(), transferRate: z.number().nullable() }),
  evaluations: z.object({
    count: z.number().int(),
    byLevel: z.array(z.number().int()).length(5),
    followUp: z.number().int(),
    /** 好评率: the share of 非常满意, 满意 and 基本满意; null with no rating. */
    goodRate: z.number().nullable(),
  }),
});
export type HallStats = z.infer<typeof HallStatsSchema>;

export const STATS_GROUPS = ['queue', 'window', 'hour', 'day', 'clerk'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];
/** The longest range one request counts: a year and a day. */
export const STATS_MAX_DAYS = 367;

/**
 * The days a statistics request asks for: `date` alone, or `from` to `to` (the end defaults to the service
 * day, the start to the end); a reason in words when the range is backwards or too long.
 */
export function statsRange(
  query: { date?: string; from?: string; to?: string },
  today: string,
): { from: string; to: string } | { refusal: string } {
  const to = query.date ?? query.to ?? today;
  const from = query.date ?? query.from ?? to;
  if (from > to) return { refusal: `开始日期 ${from} 晚于结束日期 ${to}，请改正 / the start date ${from} is after the end date ${to}` };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (!(days <= STATS_MAX_DAYS))
    return { refusal: `一次最多统计 ${STATS_MAX_DAYS} 天，请缩短日期范围 / at most ${STATS_MAX_DAYS} days at once: shorten the range` };
  return { from, to };
}

/** The rows of one view of the statistics. */
export const statsRows = (stats: HallStats, group: StatsGroup): StatsRow[] =>
  ({ queue: stats.byQueue, window: stats.byWindow, hour: stats.byHour, day: stats.byDay, clerk: stats.byClerk })[group];
