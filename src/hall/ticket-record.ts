import type { HallTicketRef } from '../shared/hall-events.js';
import type { Ticket } from '../shared/tickets.js';
import type { EventLog } from './event-log.js';
import { query, type Sql } from './storage/store.js';

export interface TicketRecord {
  ticket: Ticket;
  sequence: number;
  /** Where it stands in line: its issue time, earlier for a kept appointment. */
  lineAt: string;
  terminalId: string;
  idHash: string | null;
  /** The kiosk's lease it was issued from while the hall was out of reach; null for a number issued here. */
  leaseId: string | null;
}

/** The people of a queue in line before `lineAt`: its one row's `n`. */
export const waitingBeforeQuery = (serviceDate: string, queueId: string, lineAt: string) =>
  query<{ n: number }>(
    "SELECT count(*) AS n FROM tickets WHERE service_date = ? AND queue_id = ? AND state = 'waiting' AND line_at <= ?",
    serviceDate,
    queueId,
    lineAt,
  );

export async function waitingBefore(sql: Sql, serviceDate: string, queueId: string, lineAt: string): Promise<number> {
  const [[row]] = await sql.allTogether(waitingBeforeQuery(serviceDate, queueId, lineAt));
  return row!.n;
}

/** The columns of a ticket that a terminal is told again (an answer repeated, a check-in made twice). */
export interface StoredTicketRow {
  id: string;
  queue_id: string;
  service_date: string;
  ticket_number: string;
  issued_at: string;
  line_at: string;
  priority: number;
  priority_reason: Ticket['priorityReason'];
  state: string;
}

/** A ticket already in the hall as its terminal is told it, with who is ahead of it now. */
export async function storedTicket(sql: Sql, row: StoredTicketRow, queueName: string): Promise<Ticket> {
  return {
    id: row.id,
    priority: row.priority === 1,
    priorityReason: row.priority_reason,
    queueId: row.queue_id,
    queueName,
    ticketNumber: row.ticket_number,
    serviceDate: row.service_date,
    issuedAt: row.issued_at,
    // Itself not counted, while it waits.
    waitingAhead: Math.max(0, (await waitingBefore(sql, row.service_date, row.queue_id, row.line_at)) - (row.state === 'waiting' ? 1 : 0)),
  };
}

/** An event's ticket while it is in line, at no window: as issued, or taken out of line. */
export function inLineRef(ticket: Omit<HallTicketRef, 'windowNumber' | 'windowName' | 'announcement'>): HallTicketRef {
  return { ...ticket, windowNumber: null, windowName: null, announcement: null };
}

/** A ticket in line and its `ticket.issued` event, inside the caller's transaction: the one way a ticket enters the hall. */
export async function recordTicket(sql: Sql, events: EventLog | undefined, record: TicketRecord): Promise<void> {
  const { ticket } = record;
  await sql.write(
    `INSERT INTO tickets (id, queue_id, origin_queue, service_date, sequence, ticket_number, issued_at, line_at, terminal_id, priority, id_hash, priority_reason, lease_id, arrival)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(arrival), 0) + 1 FROM tickets))`,
    ticket.id,
    ticket.queueId,
    ticket.queueId,
    ticket.serviceDate,
    record.sequence,
    ticket.ticketNumber,
    ticket.issuedAt,
    record.lineAt,
    record.terminalId,
    ticket.priority ? 1 : 0,
    record.idHash,
    ticket.priorityReason,
    record.leaseId,
  );
  await events?.append(
    'ticket.issued',
    inLineRef({
      ticketId: ticket.id,
      ticketNumber: ticket.ticketNumber,
      queueId: ticket.queueId,
      queueName: ticket.queueName,
      offline: record.leaseId !== null,
      issuedAt: ticket.issuedAt,
    }),
    null,
  );
}
