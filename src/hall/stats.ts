import type { HallEvent } from '../shared/hall-events.js';
import { STATS_MAX_DAYS, type HallStats, type StatsRow } from '../shared/hall-stats.js';
import { dayAfter, localDateTime, localMidnight } from '../shared/local-date.js';
import { isGoodReview } from '../shared/satisfaction.js';
import type { HallStore } from './storage/store.js';
import type { LiveConfig } from './live-config.js';

interface EventRow {
  seq: number;
  at: string;
  type: HallEvent['type'];
  payload: string;
}

interface Tally {
  issued: number;
  called: number;
  served: number;
  noShow: number;
  transferredOut: number;
  transferredIn: number;
  /** Sums and counts of the minutes waited and served: a day's tally adds to another's. */
  waitSum: number;
  waits: number;
  serviceSum: number;
  services: number;
}

/** Where a call is credited: every way it ends is counted against the same queue, window and clerk. */
interface Call {
  queueId: string;
  windowNumber: number | null;
  clerkId: string | null;
  at: string;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const average = (sum: number, count: number) => (count ? Math.round((sum / count) * 10) / 10 : null);
const emptyTally = (): Tally => ({
  issued: 0,
  called: 0,
  served: 0,
  noShow: 0,
  transferredOut: 0,
  transferredIn: 0,
  waitSum: 0,
  waits: 0,
  serviceSum: 0,
  services: 0,
});
const TALLY_KEYS = [
  'issued',
  'called',
  'served',
  'noShow',
  'transferredOut',
  'transferredIn',
  'waitSum',
  'waits',
  'serviceSum',
  'services',
] as const;
function addTo(into: Tally, from: Tally): void {
  for (const key of TALLY_KEYS) into[key] += from[key];
}
const VIEWS = ['queue', 'window', 'clerk', 'hour', 'day'] as const;
type Tallies = Record<(typeof VIEWS)[number], Map<string, Tally>>;
/** What is counted how: a release that counts otherwise raises it, and the days kept before are counted again. */
const DAY_TALLIES_VERSION = 1;
/** A day's tallies as kept in stats_days. */
interface DayTallies {
  version: number;
  tallies: Record<(typeof VIEWS)[number], [string, Tally][]>;
  totals: Tally;
}
/** A day is kept once it is this many days past; one that still hears of a move (an offline ticket taken in late) is counted again (`forget`). */
const SETTLED_DAYS = 1;

/**
 * The statistics of local days, counted from the hall's event log, the record of every move. What each
 * view counts (tests/hall/stats.test.ts recounts it from the log for random days):
 * - issued: a ticket taken, in the queue it was taken for, in the hour it was taken. Windows and clerks
 *   take no tickets: 0 there.
 * - called: a call (a recall repeats it and is not another), credited to the queue the ticket was in when
 *   called, the window that called it, the clerk logged in there then, and the hour of the call.
 * - served, noShow, transferredOut: how a call ended, counted against where the call was credited (its
 *   queue, window and clerk, even if the clerk has logged out since) and in the hour it ended. A call
 *   parked and resumed is still one call.
 * - a transfer is counted once in the totals: out of its source queue, window and clerk, and as
 *   transferredIn in the queue it arrives in (and its hour). A window takes it in only by calling it.
 * - avgWaitMinutes: from getting in line (taking the number, being transferred or reinstated) to the call;
 *   avgServiceMinutes: from the call to its finish, for served calls.
 */
export function createStats(store: HallStore, config: LiveConfig, today?: () => string) {
  // A day's events, from the instant it begins where the hall is to the instant the next one does.
  const dayEvents = (from: string, to: string) =>
    store.all<EventRow>(
      "SELECT seq, at, type, payload FROM hall_events WHERE type LIKE 'ticket.%' AND at >= ? AND at < ? ORDER BY seq",
      from,
      to,
    );
  // Who is at each window may have been settled on an earlier day: every login up to the day's end counts.
  const logins = (to: string) =>
    store.all<EventRow>(
      "SELECT seq, at, type, payload FROM hall_events WHERE type IN ('clerk.loggedIn', 'clerk.loggedOut') AND at < ? ORDER BY seq",
      to,
    );
  const evaluations = (from: string, to: string) =>
    store.all<{ level: number; follow_up: number }>(
      'SELECT level, follow_up FROM evaluations WHERE service_date >= ? AND service_date <= ?',
      from,
      to,
    );

  const localOf = (iso: string) => localDateTime(new Date(iso), config.current().timeZone);

  function row(key: string, name: string, tally: Tally = emptyTally()): StatsRow {
    return {
      key,
      name,
      issued: tally.issued,
      called: tally.called,
      served: tally.served,
      noShow: tally.noShow,
      transferredOut: tally.transferredOut,
      transferredIn: tally.transferredIn,
      avgWaitMinutes: average(tally.waitSum, tally.waits),
      avgServiceMinutes: average(tally.serviceSum, tally.services),
    };
  }

  async function count(fromDate: string, toDate: string) {
    const { timeZone } = config.current();
    const from = localMidnight(fromDate, timeZone).toISOString();
    const to = localMidnight(dayAfter(toDate), timeZone).toISOString();
    const events = [...(await dayEvents(from, to)), ...(await logins(to))]
      .sort((a, b) => a.seq - b.seq)
      .map((row) => ({ ...row, ...(JSON.parse(row.payload) as Pick<HallEvent, 'ticket' | 'windowNumber' | 'clerkId'>) }));
    const tallies: Tallies = {
      queue: new Map<string, Tally>(),
      window: new Map<string, Tally>(),
      clerk: new Map<string, Tally>(),
      hour: new Map<string, Tally>(),
      day: new Map<string, Tally>(),
    };
    const totals = emptyTally();
    const tallyOf = (view: keyof typeof tallies, key: string) => {
      let tally = tallies[view].get(key);
      if (!tally) tallies[view].set(key, (tally = emptyTally()));
      return tally;
    };
    /** The tallies one move counts in: its queue, window and clerk (those it has), its hour, and the totals. */
    const creditedTo = (at: string, where: { queueId?: string; windowNumber?: number | null; clerkId?: string | null }) =>
      [
        totals,
        tallyOf('hour', localOf(at).slice(11, 13)),
        tallyOf('day', localOf(at).slice(0, 10)),
        where.queueId !== undefined ? tallyOf('queue', where.queueId) : null,
        where.windowNumber != null ? tallyOf('window', String(where.windowNumber)) : null,
        where.clerkId != null ? tallyOf('clerk', where.clerkId) : null,
      ].filter((tally): tally is Tally => tally !== null);

    const clerkAt = new Map<number, string | null>();
    const tickets = new Map<string, { queueId: string; inLineSince: string | null; call: Call | null }>();
    for (const event of events) {
      if (event.type === 'clerk.loggedIn' || event.type === 'clerk.loggedOut') {
        if (event.windowNumber !== null) clerkAt.set(event.windowNumber, event.type === 'clerk.loggedIn' ? (event.clerkId ?? null) : null);
        continue;
      }
      const day = localOf(event.at).slice(0, 10);
      if (!event.ticket || day < fromDate || day > toDate) continue;
      const ticket = tickets.get(event.ticket.ticketId) ?? { queueId: event.ticket.queueId, inLineSince: null, call: null };
      tickets.set(event.ticket.ticketId, ticket);
      const call = ticket.call;
      switch (event.type) {
        case 'ticket.issued':
          ticket.queueId = event.ticket.queueId;
          ticket.inLineSince = event.at;
          for (const tally of creditedTo(event.at, { queueId: ticket.queueId })) tally.issued += 1;
          break;
        case 'ticket.called': {
          const windowNumber = event.windowNumber;
          ticket.call = {
            queueId: ticket.queueId,
            windowNumber,
            clerkId: windowNumber === null ? null : (clerkAt.get(windowNumber) ?? null),
            at: event.at,
          };
          for (const tally of creditedTo(event.at, ticket.call)) {
            tally.called += 1;
            if (ticket.inLineSince) {
              tally.waitSum += minutesBetween(ticket.inLineSince, event.at);
              tally.waits += 1;
            }
          }
          break;
        }
        case 'ticket.finished':
          if (!call) break;
          for (const tally of creditedTo(event.at, call)) {
            tally.served += 1;
            tally.serviceSum += minutesBetween(call.at, event.at);
            tally.services += 1;
          }
          ticket.call = null;
          break;
        case 'ticket.noShow':
          if (!call) break;
          for (const tally of creditedTo(event.at, call)) tally.noShow += 1;
          ticket.call = null;
          break;
        case 'ticket.transferred':
          if (call) for (const tally of creditedTo(event.at, call)) tally.transferredOut += 1;
          ticket.queueId = event.ticket.queueId;
          ticket.inLineSince = event.at;
          ticket.call = null;
          for (const tally of creditedTo(event.at, { queueId: ticket.queueId })) tally.transferredIn += 1;
          break;
        case 'ticket.reinstated':
          ticket.inLineSince = event.at;
          break;
        case 'ticket.cancelled':
          // A kiosk's request that came too late (it gave an offline number instead): no one was issued this one.
          for (const tally of creditedTo(ticket.inLineSince ?? event.at, { queueId: ticket.queueId })) tally.issued -= 1;
          ticket.inLineSince = null;
          break;
        default:
          break;
      }
    }
    return { tallies, totals };
  }

  /** A settled day's tallies: counted from the log once, then kept. */
  async function settledDay(day: string): Promise<{ tallies: Tallies; totals: Tally }> {
    const kept = await store.get<{ tallies: string }>('SELECT tallies FROM stats_days WHERE day = ?', day);
    const stored = kept ? (JSON.parse(kept.tallies) as DayTallies) : null;
    if (stored?.version === DAY_TALLIES_VERSION) {
      return {
        tallies: Object.fromEntries(VIEWS.map((view) => [view, new Map(stored.tallies[view])])) as Tallies,
        totals: stored.totals,
      };
    }
    const counted = await count(day, day);
    const keep: DayTallies = {
      version: DAY_TALLIES_VERSION,
      tallies: Object.fromEntries(VIEWS.map((view) => [view, [...counted.tallies[view]]])) as DayTallies['tallies'],
      totals: counted.totals,
    };
    await store.run(
      'INSERT INTO stats_days (day, tallies, counted_at) VALUES (?, ?, ?) ON CONFLICT (day) DO UPDATE SET tallies = excluded.tallies, counted_at = excluded.counted_at',
      day,
      JSON.stringify(keep),
      new Date().toISOString(),
    );
    return counted;
  }

  /**
   * The days' tallies added up: the settled days' as kept, the last days' (an offline ticket may still
   * come in for them) counted from the log each time. Without `today`, every day is counted afresh.
   */
  async function tallied(from: string, to: string): Promise<{ tallies: Tallies; totals: Tally }> {
    const settledThrough = today ? dayAfter(today(), -SETTLED_DAYS) : dayAfter(from, -1);
    const parts: { tallies: Tallies; totals: Tally }[] = [];
    let day = from;
    for (; day <= to && day <= settledThrough; day = dayAfter(day)) parts.push(await settledDay(day));
    if (day <= to) parts.push(await count(day, to));
    const tallies = Object.fromEntries(VIEWS.map((view) => [view, new Map<string, Tally>()])) as Tallies;
    const totals = emptyTally();
    for (const part of parts) {
      addTo(totals, part.totals);
      for (const view of VIEWS)
        for (const [key, tally] of part.tallies[view]) {
          const sum = tallies[view].get(key) ?? emptyTally();
          addTo(sum, tally);
          tallies[view].set(key, sum);
        }
    }
    return { tallies, totals };
  }

  /** The statistics of the local days `from` to `to`, both included: by hour of the day over all of them, and by day. */
  async function forRange(from: string, to: string): Promise<HallStats> {
    const { tallies, totals } = await tallied(from, to);
    const rated = await evaluations(from, to);
    const total = row('total', '合计', totals);
    const good = rated.filter((evaluation) => isGoodReview(evaluation.level)).length;
    return {
      from,
      to,
      byQueue: config.current().queues.map((queue) => row(queue.id, queue.name, tallies.queue.get(queue.id))),
      byWindow: config
        .current()
        .windows.map((window) => row(String(window.number), window.name, tallies.window.get(String(window.number)))),
      byHour: [...tallies.hour.keys()].sort().map((hour) => row(hour, `${hour}:00`, tallies.hour.get(hour))),
      byDay: [...tallies.day.keys()].sort().map((day) => row(day, day, tallies.day.get(day))),
      byClerk: config.current().clerks.map((clerk) => row(clerk.id, clerk.name, tallies.clerk.get(clerk.id))),
      totals: {
        ...total,
        noShowRate: total.served + total.noShow ? Math.round((total.noShow / (total.served + total.noShow)) * 1000) / 1000 : null,
        transferRate: total.called ? Math.round((total.transferredOut / total.called) * 1000) / 1000 : null,
      },
      evaluations: {
        count: rated.length,
        byLevel: [1, 2, 3, 4, 5].map((level) => rated.filter((evaluation) => evaluation.level === level).length),
        followUp: rated.filter((evaluation) => evaluation.follow_up).length,
        goodRate: rated.length ? Math.round((good / rated.length) * 1000) / 1000 : null,
      },
    };
  }

  /**
   * Counts the settled days not kept yet, newest first, back to the first in the log (a year at most), one at
   * a time with a pause between: the hall does it after it starts and every hour, so a manager's first look
   * at three months finds them kept. Stops when `stopped` says so.
   */
  async function settle(stopped: () => boolean, pauseMs: number): Promise<number> {
    if (!today) return 0;
    const first = await store.get<{ at: string }>('SELECT at FROM hall_events ORDER BY seq LIMIT 1');
    if (!first) return 0;
    const oldest = localDateTime(new Date(first.at), config.current().timeZone).slice(0, 10);
    const kept = new Set((await store.all<{ day: string }>('SELECT day FROM stats_days')).map((row) => row.day));
    let counted = 0;
    let day = dayAfter(today(), -SETTLED_DAYS);
    for (let left = STATS_MAX_DAYS; left > 0 && day >= oldest && !stopped(); left--, day = dayAfter(day, -1)) {
      if (kept.has(day)) continue;
      await settledDay(day);
      counted += 1;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    return counted;
  }

  return {
    forRange,
    forDate: (date: string) => forRange(date, date),
    settle,
    /** A move of a day already kept (an offline ticket taken in at its issue time): the day is counted again when next asked. */
    async forget(event: Pick<HallEvent, 'type' | 'at'>): Promise<void> {
      if (!today || !event.type.startsWith('ticket.')) return;
      const day = localDateTime(new Date(event.at), config.current().timeZone).slice(0, 10);
      if (day < today()) await store.run('DELETE FROM stats_days WHERE day = ?', day);
    },
  };
}

/** The columns of every export (CSV, .xlsx), headed in Chinese and English. */
export const STATS_COLUMNS: [keyof StatsRow, string][] = [
  ['key', '编号 key'],
  ['name', '名称 name'],
  ['issued', '取号 issued'],
  ['called', '叫号 called'],
  ['served', '办结 served'],
  ['noShow', '过号 no-show'],
  ['transferredOut', '转出 transferred out'],
  ['transferredIn', '转入 transferred in'],
  ['avgWaitMinutes', '平均等候(分) avg wait (min)'],
  ['avgServiceMinutes', '平均办理(分) avg service (min)'],
];

/** CSV with a UTF-8 byte order mark, so Excel on a hall manager's PC opens the Chinese right. */
export function statsCsv(rows: readonly StatsRow[]): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    STATS_COLUMNS.map(([, header]) => cell(header)).join(','),
    ...rows.map((row) => STATS_COLUMNS.map(([key]) => cell(row[key])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
