import { localDate } from '../shared/local-date.js';
import { formatTicketNumber, type HallConfig, type Queue, type QueueSummary, type Ticket } from '../shared/queue.js';
import { uuidv7 } from '../shared/uuid.js';
import { HallError } from './hall-error.js';
import type { Db } from '../storage/sqlite.js';
import type { EventLog } from './event-log.js';

export interface TicketNumberService {
  issue(queueId: string, terminalId: string, priority?: boolean): Ticket;
  summaries(): QueueSummary[];
  serviceDate(): string;
}

/**
 * Numbers per queue per local service day. The counter row and the ticket row are written in one
 * IMMEDIATE transaction, so two kiosks — or two hall processes on the same file — can never receive the
 * same number, and a number once issued is never issued again that day, even after a crash.
 */
export function createTicketNumberService(
  db: Db,
  config: HallConfig,
  now: () => Date = () => new Date(),
  events?: EventLog,
): TicketNumberService {
  const queues = new Map(config.queues.map((queue) => [queue.id, queue]));
  const windowsServing = (queueId: string) => Math.max(1, config.windows.filter((window) => window.queues.some((served) => served.queueId === queueId)).length);

  const bump = db.prepare<[string, string], { last_number: number }>(`
    INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES (?, ?, 1)
    ON CONFLICT (queue_id, service_date) DO UPDATE SET last_number = last_number + 1
    RETURNING last_number`);
  const peek = db.prepare<[string, string], { last_number: number }>(
    'SELECT last_number FROM ticket_counters WHERE queue_id = ? AND service_date = ?',
  );
  const insert = db.prepare(`
    INSERT INTO tickets (id, queue_id, origin_queue, service_date, sequence, ticket_number, issued_at, line_at, terminal_id, priority)
    VALUES (@id, @queueId, @queueId, @serviceDate, @sequence, @ticketNumber, @issuedAt, @issuedAt, @terminalId, @priority)`);
  const waitingBefore = db.prepare<[string, string, string], { n: number }>(
    "SELECT count(*) AS n FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'waiting' AND line_at <= ?",
  );
  /** Minutes a citizen spent at the window, over the queue's last 20 served today. */
  const serviceMinutes = db.prepare<[string, string], { minutes: number | null }>(`
    SELECT avg((julianday(finished_at) - julianday(called_at)) * 1440) AS minutes FROM (
      SELECT called_at, finished_at FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'served' ORDER BY finished_at DESC LIMIT 20)`);
  const estimate = (date: string, queueId: string, ahead: number): number | null => {
    const minutes = serviceMinutes.get(date, queueId)?.minutes;
    // julianday arithmetic is not exact: 6 minutes come back as 6.0000001.
    return minutes == null ? null : Math.ceil(Math.round((ahead * minutes * 10) / windowsServing(queueId)) / 10);
  };
  const waitingByQueue = db.prepare<[string], { queue_id: string; n: number }>(
    "SELECT queue_id, count(*) AS n FROM tickets WHERE service_date = ? AND state = 'waiting' GROUP BY queue_id",
  );

  const issueInTransaction = db.transaction((queue: Queue, terminalId: string, priority: boolean, instant: Date): Ticket => {
    const serviceDate = localDate(instant, config.timeZone);
    const issued = peek.get(queue.id, serviceDate)?.last_number ?? 0;
    if (issued >= queue.maxPerDay) {
      throw new HallError(
        'REFUSED',
        409,
        `今日${queue.name}号码已发完（共 ${queue.maxPerDay} 个），请明日再来或咨询服务台 / Today's ${queue.maxPerDay} numbers for ${queue.name} are all issued: come back tomorrow or ask at the help desk`,
      );
    }
    const sequence = bump.get(queue.id, serviceDate)!.last_number;
    const ticket: Ticket = {
      id: uuidv7(instant.getTime()),
      priority,
      queueId: queue.id,
      queueName: queue.name,
      ticketNumber: formatTicketNumber(queue.prefix, sequence, queue.maxPerDay),
      serviceDate,
      issuedAt: instant.toISOString(),
      waitingAhead: waitingBefore.get(serviceDate, queue.id, instant.toISOString())!.n,
    };
    insert.run({ ...ticket, sequence, terminalId, priority: priority ? 1 : 0 });
    events?.append(
      'ticket.issued',
      { ticketId: ticket.id, ticketNumber: ticket.ticketNumber, queueId: queue.id, queueName: queue.name, windowNumber: null, windowName: null, announcement: null },
      null,
    );
    return ticket;
  });

  return {
    issue(queueId, terminalId, priority = false) {
      const queue = queues.get(queueId);
      if (!queue) {
        throw new HallError(
          'NOT_FOUND',
          404,
          `本大厅没有编号为 ${queueId} 的业务队列，请在屏幕上重新选择业务 / This hall has no queue ${queueId}: choose the business again on screen`,
        );
      }
      const ticket = issueInTransaction.immediate(queue, terminalId, priority, now());
      events?.flush();
      return ticket;
    },

    summaries() {
      const date = localDate(now(), config.timeZone);
      const counts = new Map(waitingByQueue.all(date).map((row) => [row.queue_id, row.n]));
      return config.queues.map((queue) => {
        const waiting = counts.get(queue.id) ?? 0;
        return { id: queue.id, name: queue.name, prefix: queue.prefix, waiting, estimatedWaitMinutes: estimate(date, queue.id, waiting) };
      });
    },

    serviceDate: () => localDate(now(), config.timeZone),
  };
}
