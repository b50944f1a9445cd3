import { FOREIGN_RESIDENCE_2017_NUMBER, isValidIdNumber } from '../shared/id-number.js';
import { localDate, localTimeOfDay } from '../shared/local-date.js';
import type { Queue } from '../shared/hall-config.js';
import { formatTicketNumber, greenChannelByAge, type QueueSummary, type Ticket } from '../shared/tickets.js';
import { uuidv7 } from '../shared/uuid.js';
import { ApiError } from '../shared/errors.js';
import type { EventLog } from './event-log.js';
import { idHasher } from './id-hash.js';
import { query, type HallStore } from './storage/store.js';
import type { LiveConfig } from './live-config.js';
import { recordTicket, waitingBeforeQuery } from './ticket-record.js';

export interface IssueRequest {
  queueId: string;
  terminalId: string;
  /** Green channel chosen by staff. */
  staffPriority?: boolean;
  idNumber?: string;
  /** A kept appointment: in line as if taken the configured minutes earlier, and outside the limits per card. */
  appointment?: boolean;
}

export interface TicketNumberService {
  issue(request: IssueRequest): Promise<Ticket>;
  summaries(): Promise<QueueSummary[]>;
  /** Minutes until a citizen with this many ahead is called, from today's service rate; null before anyone was served. */
  estimatedWaitMinutes(queueId: string, ahead: number): Promise<number | null>;
  serviceDate(): string;
}

/** How many of a queue's last served tickets the estimate averages over. */
const RECENT_SERVED = 20;

/**
 * Numbers per queue per local service day. The counter row and the ticket row are written in one
 * transaction under the hall's write lock, so two kiosks — or two hall servers on one database — can never
 * receive the same number, and a number once issued is never issued again that day, even after a crash.
 */
export function createTicketNumberService(
  store: HallStore,
  config: LiveConfig,
  now: () => Date = () => new Date(),
  events?: EventLog,
): TicketNumberService {
  const queues = config.derived((hall) => new Map(hall.queues.map((queue) => [queue.id, queue])));
  const windowsServing = (queueId: string) =>
    Math.max(1, config.current().windows.filter((window) => window.queues.some((served) => served.queueId === queueId)).length);
  const hashId = idHasher(config.current());

  /** Minutes a citizen spent at the window, over the queue's last served today; computed here, as the engines' date arithmetic differs. */
  async function estimate(date: string, queueId: string, ahead: number): Promise<number | null> {
    const served = await store.all<{ called_at: string; finished_at: string }>(
      "SELECT called_at, finished_at FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'served' ORDER BY finished_at DESC LIMIT ?",
      date,
      queueId,
      RECENT_SERVED,
    );
    if (served.length === 0) return null;
    const minutes =
      served.reduce((sum, row) => sum + (Date.parse(row.finished_at) - Date.parse(row.called_at)) / 60_000, 0) / served.length;
    return Math.ceil(Math.round((ahead * minutes * 10) / windowsServing(queueId)) / 10);
  }

  const count = async (sql: string, ...params: (string | number)[]) => (await store.get<{ n: number }>(sql, ...params))!.n;

  /** The limits per card, in words a citizen understands. */
  async function checkLimits(queue: Queue, serviceDate: string, idHash: string): Promise<void> {
    const open = await count(
      "SELECT count(*) AS n FROM tickets WHERE service_date = ? AND origin_queue = ? AND id_hash = ? AND state IN ('waiting', 'called', 'parked')",
      serviceDate,
      queue.id,
      idHash,
    );
    if (open >= queue.openPerId) {
      throw new ApiError(
        'REFUSED',
        `您已有${queue.name}的号码尚未办理，请留意叫号 / you already hold a ${queue.name} number that has not been served: please wait for it to be called`,
      );
    }
    const today = await count(
      'SELECT count(*) AS n FROM tickets WHERE service_date = ? AND origin_queue = ? AND id_hash = ?',
      serviceDate,
      queue.id,
      idHash,
    );
    if (today >= queue.perIdPerDay) {
      throw new ApiError(
        'REFUSED',
        `今日该业务已取号 ${today} 次，已达上限 / you have taken ${today} numbers for ${queue.name} today, the most allowed`,
      );
    }
  }

  async function issueInTransaction(queue: Queue, request: IssueRequest, instant: Date): Promise<Ticket> {
    const serviceDate = localDate(instant, config.current().timeZone);
    const idHash = request.idNumber ? hashId(request.idNumber) : null;
    if (idHash && !request.appointment) await checkLimits(queue, serviceDate, idHash);
    const byAge = request.idNumber ? greenChannelByAge(request.idNumber, serviceDate, config.current().greenChannelAge) : false;
    const priorityReason = byAge ? 'age' : request.staffPriority ? 'staff' : request.appointment ? 'appointment' : null;
    const lineAt = request.appointment
      ? new Date(instant.getTime() - config.current().appointments.advanceMinutes * 60_000).toISOString()
      : instant.toISOString();
    // One statement takes the next number unless the day's are out: the numbers at the top of the day's
    // range may be the kiosks' for an outage (ticket-leases.ts). Sent with the count of those ahead.
    const [[taken], [ahead]] = await store.allTogether(
      query<{ last_number: number }>(
        `INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES (?, ?, 1)
         ON CONFLICT (queue_id, service_date) DO UPDATE SET last_number = ticket_counters.last_number + 1
           WHERE ticket_counters.last_number < COALESCE(ticket_counters.leased_from, ?) - 1
         RETURNING last_number`,
        queue.id,
        serviceDate,
        queue.maxPerDay + 1,
      ),
      waitingBeforeQuery(serviceDate, queue.id, lineAt),
    );
    if (!taken) {
      throw new ApiError(
        'REFUSED',
        `今日${queue.name}号码已发完（共 ${queue.maxPerDay} 个），请明日再来或咨询服务台 / Today's ${queue.maxPerDay} numbers for ${queue.name} are all issued: come back tomorrow or ask at the help desk`,
      );
    }
    const sequence = taken.last_number;
    const ticket: Ticket = {
      id: uuidv7(instant.getTime()),
      priority: priorityReason === 'age' || priorityReason === 'staff',
      priorityReason,
      queueId: queue.id,
      queueName: queue.name,
      ticketNumber: formatTicketNumber(queue.prefix, sequence, queue.maxPerDay),
      serviceDate,
      issuedAt: instant.toISOString(),
      waitingAhead: ahead!.n,
    };
    await recordTicket(store, events, { ticket, sequence, lineAt, terminalId: request.terminalId, idHash, leaseId: null });
    return ticket;
  }

  return {
    async issue(request) {
      const { queueId } = request;
      const queue = queues().get(queueId);
      if (!queue) {
        throw new ApiError(
          'NOT_FOUND',
          `本大厅没有编号为 ${queueId} 的业务队列，请在屏幕上重新选择业务 / This hall has no queue ${queueId}: choose the business again on screen`,
        );
      }
      const instant = now();
      if (queue.hours) {
        const time = localTimeOfDay(instant, config.current().timeZone);
        if (time < queue.hours.from || time >= queue.hours.to) {
          throw new ApiError(
            'REFUSED',
            `${queue.name}取号时间为 ${queue.hours.from}–${queue.hours.to}，请在该时段内取号 / numbers for ${queue.name} are issued ${queue.hours.from}–${queue.hours.to}`,
          );
        }
      }
      if (queue.idRequired && !request.idNumber) {
        throw new ApiError(
          'REFUSED',
          `${queue.name}须刷身份证取号，请将身份证放在读卡区 / ${queue.name} numbers need an ID card: place it on the reader`,
        );
      }
      if (request.idNumber && !FOREIGN_RESIDENCE_2017_NUMBER.test(request.idNumber) && !isValidIdNumber(request.idNumber)) {
        throw new ApiError('INVALID_INPUT', '身份证号码校验不通过，请人工核验证件 / the ID number fails its check: check the card by hand');
      }
      return store.transaction(() => issueInTransaction(queue, request, instant));
    },

    async summaries() {
      const date = localDate(now(), config.current().timeZone);
      const rows = await store.all<{ queue_id: string; n: number }>(
        "SELECT queue_id, count(*) AS n FROM tickets WHERE service_date = ? AND state = 'waiting' GROUP BY queue_id",
        date,
      );
      const counts = new Map(rows.map((row) => [row.queue_id, row.n]));
      return Promise.all(
        config.current().queues.map(async (queue) => {
          const waiting = counts.get(queue.id) ?? 0;
          return {
            id: queue.id,
            name: queue.name,
            prefix: queue.prefix,
            waiting,
            estimatedWaitMinutes: await estimate(date, queue.id, waiting),
            idRequired: queue.idRequired,
          };
        }),
      );
    },

    estimatedWaitMinutes: (queueId, ahead) => estimate(localDate(now(), config.current().timeZone), queueId, ahead),

    serviceDate: () => localDate(now(), config.current().timeZone),
  };
}
