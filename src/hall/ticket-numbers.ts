import { localDate } from '../shared/local-date.js';
import { formatTicketNumber, type HallConfig, type Queue, type QueueSummary, type Ticket } from '../shared/queue.js';
import { uuidv7 } from '../shared/uuid.js';
import { HallError } from './hall-error.js';
import type { Db } from '../storage/sqlite.js';

export interface TicketNumberService {
  issue(queueId: string, terminalId: string): Ticket;
  summaries(): QueueSummary[];
  serviceDate(): string;
}

/**
 * Numbers per queue per local service day. The counter row and the ticket row are written in one
 * IMMEDIATE transaction, so two kiosks — or two hall processes on the same file — can never receive the
 * same number, and a number once issued is never issued again that day, even after a crash.
 */
export function createTicketNumberService(db: Db, config: HallConfig, now: () => Date = () => new Date()): TicketNumberService {
  const queues = new Map(config.queues.map((queue) => [queue.id, queue]));

  const bump = db.prepare<[string, string], { last_number: number }>(`
    INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES (?, ?, 1)
    ON CONFLICT (queue_id, service_date) DO UPDATE SET last_number = last_number + 1
    RETURNING last_number`);
  const peek = db.prepare<[string, string], { last_number: number }>(
    'SELECT last_number FROM ticket_counters WHERE queue_id = ? AND service_date = ?',
  );
  const insert = db.prepare(`
    INSERT INTO tickets (id, queue_id, service_date, sequence, ticket_number, issued_at, terminal_id)
    VALUES (@id, @queueId, @serviceDate, @sequence, @ticketNumber, @issuedAt, @terminalId)`);
  const waitingBefore = db.prepare<[string, string, number], { n: number }>(
    "SELECT count(*) AS n FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'waiting' AND sequence < ?",
  );
  const waitingByQueue = db.prepare<[string], { queue_id: string; n: number }>(
    "SELECT queue_id, count(*) AS n FROM tickets WHERE service_date = ? AND state = 'waiting' GROUP BY queue_id",
  );

  const issueInTransaction = db.transaction((queue: Queue, terminalId: string, instant: Date): Ticket => {
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
      queueId: queue.id,
      queueName: queue.name,
      ticketNumber: formatTicketNumber(queue.prefix, sequence, queue.maxPerDay),
      serviceDate,
      issuedAt: instant.toISOString(),
      waitingAhead: waitingBefore.get(serviceDate, queue.id, sequence)!.n,
    };
    insert.run({ ...ticket, sequence, terminalId });
    return ticket;
  });

  return {
    issue(queueId, terminalId) {
      const queue = queues.get(queueId);
      if (!queue) {
        throw new HallError(
          'NOT_FOUND',
          404,
          `本大厅没有编号为 ${queueId} 的业务队列，请在屏幕上重新选择业务 / This hall has no queue ${queueId}: choose the business again on screen`,
        );
      }
      return issueInTransaction.immediate(queue, terminalId, now());
    },

    summaries() {
      const counts = new Map(waitingByQueue.all(localDate(now(), config.timeZone)).map((row) => [row.queue_id, row.n]));
      return config.queues.map((queue) => ({
        id: queue.id,
        name: queue.name,
        prefix: queue.prefix,
        waiting: counts.get(queue.id) ?? 0,
      }));
    },

    serviceDate: () => localDate(now(), config.timeZone),
  };
}
