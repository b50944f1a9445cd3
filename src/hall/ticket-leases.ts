import { ApiError } from '../shared/errors.js';
import type { OfflineTicket, TicketLease, WithdrawOutcome } from '../shared/ticket-leases.js';
import { formatTicketNumber, type Ticket } from '../shared/tickets.js';
import { uuidv7 } from '../shared/uuid.js';
import type { EventLog } from './event-log.js';
import { withdrawRequest } from './idempotency.js';
import type { HallStore } from './storage/store.js';
import type { LiveConfig } from './live-config.js';
import type { TicketNumberService } from './ticket-numbers.js';
import { inLineRef, recordTicket, storedTicket, waitingBefore, type StoredTicketRow } from './ticket-record.js';

interface LeaseRow {
  id: string;
  terminal_id: string;
  queue_id: string;
  service_date: string;
  first_number: number;
  last_number: number;
  granted_at: string;
  expires_at: string;
  returned_at: string | null;
  used_up_to: number | null;
}

/** A lease takes at most this part of the queue's numbers still free that day: a tenth. */
const FREE_SHARE = 10;
/** The rate a lease is sized from: this kiosk's numbers of the queue in the last hour. */
const RATE_WINDOW_MS = 3_600_000;

/**
 * Numbers kiosks hold for an outage (离线取号). A lease is cut from the top of the queue's range for the day
 * (`ticket_counters.leased_from` moves down, online numbers stay below it), under the hall's write lock, so
 * a number is the hall's or one kiosk's, never both. A kiosk cut off from every hall server issues its lease's
 * numbers in order and hands each in when a server answers again: the hall puts it in line at the time it was
 * issued, so those who came before it are still called before it and those after, after.
 */
export function createTicketLeases(
  store: HallStore,
  config: LiveConfig,
  tickets: TicketNumberService,
  events: EventLog,
  now: () => Date = () => new Date(),
) {
  const queues = config.derived((hall) => new Map(hall.queues.map((queue) => [queue.id, queue])));
  const rules = config.current().offlineTickets;

  const toLease = (row: LeaseRow): TicketLease => {
    const queue = queues().get(row.queue_id)!;
    return {
      id: row.id,
      queueId: queue.id,
      queueName: queue.name,
      prefix: queue.prefix,
      maxPerDay: queue.maxPerDay,
      serviceDate: row.service_date,
      first: row.first_number,
      last: row.last_number,
      grantedAt: row.granted_at,
      expiresAt: row.expires_at,
    };
  };

  const asTicket = (row: StoredTicketRow) => storedTicket(store, row, queues().get(row.queue_id)?.name ?? row.queue_id);

  /** How many numbers cover `coverMinutes` of this kiosk's last hour at this queue. */
  async function sizeFor(terminalId: string, queueId: string, serviceDate: string, instant: Date): Promise<number> {
    const recent = await store.get<{ n: number }>(
      'SELECT count(*) AS n FROM tickets WHERE service_date = ? AND origin_queue = ? AND terminal_id = ? AND issued_at >= ?',
      serviceDate,
      queueId,
      terminalId,
      new Date(instant.getTime() - RATE_WINDOW_MS).toISOString(),
    );
    const wanted = Math.ceil((recent!.n * rules.coverMinutes * 60_000) / RATE_WINDOW_MS);
    return Math.min(rules.maximum, Math.max(rules.minimum, wanted));
  }

  /** The kiosk's open lease of the queue today, else a new one; null when the queue is not for offline numbers or none are left. */
  async function leaseOf(terminalId: string, queueId: string, instant: Date): Promise<LeaseRow | null> {
    const queue = queues().get(queueId);
    // A number only with the card on the reader is the hall's to check: offline the kiosk could not apply its limits.
    if (!queue || queue.idRequired || rules.minimum === 0) return null;
    const serviceDate = tickets.serviceDate();
    const open = await store.get<LeaseRow>(
      'SELECT * FROM ticket_leases WHERE terminal_id = ? AND queue_id = ? AND service_date = ? AND returned_at IS NULL AND expires_at > ?',
      terminalId,
      queueId,
      serviceDate,
      instant.toISOString(),
    );
    if (open) return open;
    const size = await sizeFor(terminalId, queueId, serviceDate, instant);
    await store.run(
      'INSERT INTO ticket_counters (queue_id, service_date, last_number) VALUES (?, ?, 0) ON CONFLICT (queue_id, service_date) DO NOTHING',
      queueId,
      serviceDate,
    );
    const counter = (await store.get<{ last_number: number; leased_from: number | null }>(
      'SELECT last_number, leased_from FROM ticket_counters WHERE queue_id = ? AND service_date = ?',
      queueId,
      serviceDate,
    ))!;
    const last = (counter.leased_from ?? queue.maxPerDay + 1) - 1;
    // However many kiosks ask, most of the day's numbers stay the hall's to give online.
    const first = last - Math.min(size, Math.floor((last - counter.last_number) / FREE_SHARE)) + 1;
    if (first > last) return null;
    await store.run('UPDATE ticket_counters SET leased_from = ? WHERE queue_id = ? AND service_date = ?', first, queueId, serviceDate);
    const row: LeaseRow = {
      id: uuidv7(instant.getTime()),
      terminal_id: terminalId,
      queue_id: queueId,
      service_date: serviceDate,
      first_number: first,
      last_number: last,
      granted_at: instant.toISOString(),
      expires_at: new Date(instant.getTime() + rules.leaseHours * 3_600_000).toISOString(),
      returned_at: null,
      used_up_to: null,
    };
    await store.run(
      `INSERT INTO ticket_leases (id, terminal_id, queue_id, service_date, first_number, last_number, granted_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.terminal_id,
      row.queue_id,
      row.service_date,
      row.first_number,
      row.last_number,
      row.granted_at,
      row.expires_at,
    );
    return row;
  }

  return {
    /** One lease per queue asked for; a queue with none to give (an ID card needed, the day's numbers gone) is left out. */
    grant: (terminalId: string, queueIds: readonly string[]): Promise<TicketLease[]> =>
      store.transaction(async () => {
        const instant = now();
        const leases: TicketLease[] = [];
        for (const queueId of new Set(queueIds)) {
          const row = await leaseOf(terminalId, queueId, instant);
          if (row) leases.push(toLease(row));
        }
        return leases;
      }),

    /**
     * A request for a number the kiosk gave up on (it issued an offline number instead): its number, if
     * it made one and nobody called it yet, leaves the line; if it never came, it is refused when it does.
     */
    withdraw: (terminalId: string, requestId: string): Promise<WithdrawOutcome['outcome']> =>
      store.transaction(async () => {
        const answered = (await withdrawRequest(store, terminalId, requestId, tickets.serviceDate())) as
          { id?: unknown } | null | undefined;
        if (answered === undefined) return 'blocked';
        const row =
          typeof answered?.id === 'string'
            ? await store.get<{
                id: string;
                queue_id: string;
                ticket_number: string;
                state: string;
                lease_id: string | null;
                issued_at: string;
              }>('SELECT id, queue_id, ticket_number, state, lease_id, issued_at FROM tickets WHERE id = ?', answered.id)
            : undefined;
        if (!row || row.state !== 'waiting') return 'tooLate';
        await store.run("UPDATE tickets SET state = 'cancelled' WHERE id = ?", row.id);
        await events.append(
          'ticket.cancelled',
          inLineRef({
            ticketId: row.id,
            ticketNumber: row.ticket_number,
            queueId: row.queue_id,
            queueName: queues().get(row.queue_id)?.name ?? row.queue_id,
            offline: row.lease_id !== null,
            issuedAt: row.issued_at,
          }),
          null,
        );
        return 'cancelled';
      }),

    /** The numbers after `usedUpTo` are never issued; what the kiosk issued up to it can still be taken in. */
    giveBack: (terminalId: string, leaseId: string, usedUpTo: number | null): Promise<boolean> =>
      store.transaction(
        async () =>
          (await store.run(
            'UPDATE ticket_leases SET returned_at = ?, used_up_to = ? WHERE id = ? AND terminal_id = ? AND returned_at IS NULL',
            now().toISOString(),
            usedUpTo,
            leaseId,
            terminalId,
          )) > 0,
      ),

    /** The ticket in line at the time the kiosk issued it; a repeat (the reply was lost) gets the same ticket. */
    takeIn: (terminalId: string, offline: OfflineTicket): Promise<Ticket> =>
      store.transaction(async () => {
        const known = await store.get<StoredTicketRow & { terminal_id: string }>('SELECT * FROM tickets WHERE id = ?', offline.ticketId);
        if (known) {
          if (known.terminal_id !== terminalId)
            throw new ApiError('CONFLICT', '该号码编号已被其他终端使用 / that ticket id belongs to another terminal');
          return asTicket(known);
        }
        const lease = await store.get<LeaseRow>(
          'SELECT * FROM ticket_leases WHERE id = ? AND terminal_id = ?',
          offline.leaseId,
          terminalId,
        );
        if (!lease)
          throw new ApiError(
            'NOT_FOUND',
            `大厅没有发给本机的离线号段 ${offline.leaseId} / the hall gave this kiosk no lease ${offline.leaseId}`,
          );
        const queue = queues().get(lease.queue_id);
        if (!queue)
          throw new ApiError('NOT_FOUND', `大厅已不再设有业务队列 ${lease.queue_id} / the hall no longer has queue ${lease.queue_id}`);
        const usable = lease.used_up_to ?? (lease.returned_at === null ? lease.last_number : lease.first_number - 1);
        if (offline.sequence < lease.first_number || offline.sequence > usable)
          throw new ApiError(
            'REFUSED',
            `号码 ${offline.sequence} 不在本机可用的离线号段内 / number ${offline.sequence} is not in the part of the lease this kiosk may issue`,
          );
        const today = tickets.serviceDate();
        if (lease.service_date !== today)
          throw new ApiError(
            'REFUSED',
            `该离线号是 ${lease.service_date} 的，已过期 / that offline number was for ${lease.service_date}, a day that is over`,
          );
        const number = formatTicketNumber(queue.prefix, offline.sequence, queue.maxPerDay);
        if (
          await store.get(
            'SELECT id FROM tickets WHERE service_date = ? AND origin_queue = ? AND sequence = ?',
            today,
            queue.id,
            offline.sequence,
          )
        )
          throw new ApiError('CONFLICT', `号码 ${number} 已由另一张号票收录 / ${number} was already taken in as another ticket`);
        // A kiosk's clock may be off: the ticket stands no earlier than its lease and no later than now.
        const instant = now().toISOString();
        const issuedAt = [offline.issuedAt, lease.granted_at, instant].map((at) => new Date(at).toISOString()).sort()[1]!;
        if (issuedAt > lease.expires_at)
          throw new ApiError('REFUSED', `该离线号段已于 ${lease.expires_at} 到期 / the lease ended at ${lease.expires_at}`);
        const ticket: Ticket = {
          id: offline.ticketId,
          priority: offline.agePriority,
          priorityReason: offline.agePriority ? 'age' : null,
          queueId: queue.id,
          queueName: queue.name,
          ticketNumber: number,
          serviceDate: today,
          issuedAt,
          waitingAhead: await waitingBefore(store, today, queue.id, issuedAt),
        };
        await recordTicket(store, events, {
          ticket,
          sequence: offline.sequence,
          lineAt: issuedAt,
          terminalId,
          idHash: null,
          leaseId: lease.id,
        });
        return ticket;
      }),
  };
}
export type TicketLeases = ReturnType<typeof createTicketLeases>;
