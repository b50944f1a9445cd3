import chineseDays from 'chinese-days';
import type { WorkingCalendar } from '../shared/follow-up.js';
import { ApiError } from '../shared/errors.js';
import { dayAfter } from '../shared/local-date.js';
import type { EventLog } from './event-log.js';
import type { HallStore } from './storage/store.js';

/** A manager's word on one day: a working day (调休上班) or a day off (放假), over the package's calendar. */
export type Overrides = ReadonlyMap<string, boolean>;

/**
 * Whether the holiday package has a year's 放假 and 调休 arrangements: a year it knows has holidays off
 * weekends. Asked for every day a deadline counts, so each year's answer (a scan of the year) is kept: the
 * package's data does not change while the hall runs.
 */
const known = new Map<number, boolean>();
function knownYear(year: number): boolean {
  let answer = known.get(year);
  if (answer === undefined) {
    answer = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    known.set(year, answer);
  }
  return answer;
}

/** The last year the package knows, looked for from this year on (it is published a year at a time). */
export function knownThrough(today: string): number {
  let year = Number(today.slice(0, 4)) + 1;
  while (!knownYear(year) && year > 2004) year -= 1;
  while (knownYear(year + 1)) year += 1;
  return year;
}

/**
 * Whether a day is a working day: the manager's override first, then the State Council's calendar as the
 * package has it; for a year it does not know yet, Monday to Friday (which is why the console warns).
 */
export function isWorkingDay(date: string, overrides: Overrides): boolean {
  const override = overrides.get(date);
  if (override !== undefined) return override;
  if (knownYear(Number(date.slice(0, 4)))) return chineseDays.isWorkday(date);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The day `days` working days after `date` (a rating on Friday with 5 days is due the next Friday, holidays aside). */
export function addWorkingDays(date: string, days: number, overrides: Overrides): string {
  let day = date;
  for (let left = days; left > 0;) {
    day = dayAfter(day);
    if (isWorkingDay(day, overrides)) left -= 1;
  }
  return day;
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, overrides: Overrides): number {
  let count = 0;
  for (let day = dayAfter(from); day <= to; day = dayAfter(day)) if (isWorkingDay(day, overrides)) count += 1;
  return count;
}

interface OverrideRow {
  date: string;
  working: number;
  note: string;
  set_by: string;
  set_at: string;
}

/** The hall's working calendar: the package's, with the days the manager set; each change in the chained log. */
export function createWorkingCalendar(store: HallStore, events: EventLog, today: () => string, now: () => Date) {
  const rows = () => store.all<OverrideRow>('SELECT * FROM working_day_overrides ORDER BY date');
  return {
    async overrides(): Promise<Overrides> {
      return new Map((await rows()).map((row) => [row.date, Boolean(row.working)]));
    },

    async calendar(): Promise<WorkingCalendar> {
      const date = today();
      const through = knownThrough(date);
      const year = Number(date.slice(0, 4));
      // From December on, next year's days are needed for deadlines that run into January.
      const needed = date.slice(5, 7) === '12' ? year + 1 : year;
      const set = await rows();
      const entered = set.some((row) => row.date.startsWith(`${needed}-`));
      return {
        overrides: set.map((row) => ({
          date: row.date,
          working: Boolean(row.working),
          note: row.note,
          setBy: row.set_by,
          setAt: row.set_at,
        })),
        knownThrough: through,
        missingYear: needed > through && !entered ? needed : null,
      };
    },

    async set(input: { date: string; working: boolean; note: string }, managerId: string): Promise<void> {
      await events.withActor(`manager:${managerId}`, () =>
        store.transaction(async () => {
          await store.run('DELETE FROM working_day_overrides WHERE date = ?', input.date);
          await store.run(
            'INSERT INTO working_day_overrides (date, working, note, set_by, set_at) VALUES (?, ?, ?, ?, ?)',
            input.date,
            input.working ? 1 : 0,
            input.note,
            managerId,
            now().toISOString(),
          );
          await events.append('calendar.daySet', null, null, { managerId, calendarDate: input.date });
        }),
      );
    },

    async remove(date: string, managerId: string): Promise<void> {
      await events.withActor(`manager:${managerId}`, () =>
        store.transaction(async () => {
          if ((await store.run('DELETE FROM working_day_overrides WHERE date = ?', date)) === 0)
            throw new ApiError('NOT_FOUND', `${date} 没有调整记录 / there is no change for ${date}`);
          await events.append('calendar.dayRemoved', null, null, { managerId, calendarDate: date });
        }),
      );
    },
  };
}

export type WorkingCalendarService = ReturnType<typeof createWorkingCalendar>;
