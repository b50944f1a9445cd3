import type { HallStats, StatsRow } from '../shared/hall-stats.js';
import { localDateTime } from '../shared/local-date.js';
import type { HallConfig } from '../shared/queue.js';
import type { Db } from '../storage/sqlite.js';

interface TicketRow {
  queue_id: string;
  origin_queue: string;
  state: string;
  issued_at: string;
  called_at: string | null;
  finished_at: string | null;
  window_number: number | null;
  clerk_id: string | null;
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const average = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);

/** Aggregates one local day's tickets, transfers and evaluations. */
export function createStats(db: Db, config: HallConfig) {
  const tickets = db.prepare<[string], TicketRow>(
    'SELECT queue_id, origin_queue, state, issued_at, called_at, finished_at, window_number, clerk_id FROM tickets WHERE service_date = ?',
  );
  const transfers = db.prepare<[], { at: string; window: number | null }>(
    "SELECT at, json_extract(payload, '$.windowNumber') AS window FROM hall_events WHERE type = 'ticket.transferred'",
  );
  const evaluations = db.prepare<[string], { level: number; follow_up: number }>('SELECT level, follow_up FROM evaluations WHERE service_date = ?');

  function row(key: string, name: string, group: TicketRow[], issued: number, transferredOut: number): StatsRow {
    const called = group.filter((ticket) => ticket.called_at);
    const served = group.filter((ticket) => ticket.state === 'served' && ticket.called_at && ticket.finished_at);
    return {
      key,
      name,
      issued,
      called: called.length,
      served: served.length,
      noShow: group.filter((ticket) => ticket.state === 'no_show').length,
      transferredOut,
      avgWaitMinutes: average(called.map((ticket) => minutesBetween(ticket.issued_at, ticket.called_at!))),
      avgServiceMinutes: average(served.map((ticket) => minutesBetween(ticket.called_at!, ticket.finished_at!))),
    };
  }

  return {
    forDate(date: string): HallStats {
      const all = tickets.all(date);
      const dayTransfers = transfers.all().filter((transfer) => localDateTime(new Date(transfer.at), config.timeZone).startsWith(date));
      const byQueue = config.queues.map((queue) =>
        row(
          queue.id,
          queue.name,
          all.filter((ticket) => ticket.queue_id === queue.id),
          all.filter((ticket) => ticket.origin_queue === queue.id).length,
          0,
        ),
      );
      const byWindow = config.windows.map((window) =>
        row(
          String(window.number),
          window.name,
          all.filter((ticket) => ticket.window_number === window.number),
          0,
          dayTransfers.filter((transfer) => transfer.window === window.number).length,
        ),
      );
      const hourOf = (iso: string) => localDateTime(new Date(iso), config.timeZone).slice(11, 13);
      const hours = [...new Set(all.map((ticket) => hourOf(ticket.issued_at)))].sort();
      const byHour = hours.map((hour) => {
        const group = all.filter((ticket) => hourOf(ticket.issued_at) === hour);
        return row(hour, `${hour}:00`, group, group.length, 0);
      });
      const byClerk = config.clerks.map((clerk) => row(clerk.id, clerk.name, all.filter((ticket) => ticket.clerk_id === clerk.id), 0, 0));
      const totals = row('total', '合计', all, all.length, dayTransfers.length);
      const rated = evaluations.all(date);
      return {
        date,
        byQueue,
        byWindow,
        byHour,
        byClerk,
        totals: {
          ...totals,
          noShowRate: totals.served + totals.noShow ? Math.round((totals.noShow / (totals.served + totals.noShow)) * 1000) / 1000 : null,
          transferRate: totals.called ? Math.round((dayTransfers.length / totals.called) * 1000) / 1000 : null,
        },
        evaluations: {
          count: rated.length,
          byLevel: [1, 2, 3, 4, 5].map((level) => rated.filter((evaluation) => evaluation.level === level).length),
          followUp: rated.filter((evaluation) => evaluation.follow_up).length,
        },
      };
    },
  };
}

const CSV_COLUMNS: [keyof StatsRow, string][] = [
  ['key', '编号 key'],
  ['name', '名称 name'],
  ['issued', '取号 issued'],
  ['called', '叫号 called'],
  ['served', '办结 served'],
  ['noShow', '过号 no-show'],
  ['transferredOut', '转出 transferred out'],
  ['avgWaitMinutes', '平均等候(分) avg wait (min)'],
  ['avgServiceMinutes', '平均办理(分) avg service (min)'],
];

/** CSV with a UTF-8 byte order mark, so Excel on a hall manager's PC opens the Chinese right. */
export function statsCsv(rows: readonly StatsRow[]): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.map(([, header]) => cell(header)).join(','), ...rows.map((row) => CSV_COLUMNS.map(([key]) => cell(row[key])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
