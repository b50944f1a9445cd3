import { randomBytes } from 'node:crypto';
import { localDate } from '../shared/local-date.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { LeaseGrant, OfflineTicket, TicketLease } from '../shared/ticket-leases.js';
import {
  formatTicketNumber,
  greenChannelByAge,
  TICKET_TOKEN_BYTES,
  type HandedOutTicket,
  type OfflineClosedQueue,
  type QueueSummary,
} from '../shared/tickets.js';
import { uuidv7 } from '../shared/uuid.js';
import type { Db } from '../storage/sqlite.js';
import type { HallClient } from './hall-client.js';

export const OFFLINE_TICKETS_MIGRATION = {
  name: 'numbers leased from the hall, and the tickets issued from them while it was out of reach',
  sql: `
    CREATE TABLE ticket_leases (id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, lease TEXT NOT NULL, terms TEXT NOT NULL, next INTEGER NOT NULL) STRICT;
    CREATE TABLE offline_tickets (
      id TEXT PRIMARY KEY, lease_id TEXT NOT NULL, ticket TEXT NOT NULL, issued_at TEXT NOT NULL, taken_in_at TEXT, refused TEXT
    ) STRICT;
    CREATE INDEX offline_tickets_lease ON offline_tickets (lease_id);
  `,
};

export const TICKET_WITHDRAWALS_MIGRATION = {
  name: 'requests for a number the hall did not answer in time, to withdraw once it answers',
  sql: `CREATE TABLE ticket_withdrawals (request_id TEXT PRIMARY KEY, at TEXT NOT NULL) STRICT;`,
};

/** What came with a lease: how to print and place a ticket without the hall. */
type Terms = Omit<LeaseGrant, 'leases'>;

interface LeaseRow {
  id: string;
  queue_id: string;
  lease: string;
  terms: string;
  next: number;
}

interface Held {
  lease: TicketLease;
  terms: Terms;
  next: number;
}

/** How long the hall's queue list is taken as it stands, for what to lease: a queue added to the hall gets its lease within this. */
const RELIST_MS = 5 * 60_000;

const unreachable = (error: unknown) => error instanceof RpcError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT');

export interface OfflineTicketsOptions {
  db: Db;
  hall: HallClient;
  /** Whether the hall may answer (its link is not known to be down): only then are tickets handed in and leases renewed. */
  hallReachable: () => boolean;
  now?: () => Date;
  /** How often the kiosk looks whether there is something to hand in or a lease to renew (locally: it calls the hall only then). */
  intervalMs?: number;
  onError?: (error: unknown, what: string) => void;
}

/**
 * A kiosk's numbers for when no hall server answers (离线取号). While the hall answers, the kiosk holds a
 * lease of numbers per queue (the hall sizes it from the kiosk's recent rate); cut off, it issues from the
 * lease in order, each ticket written to terminal.db before its slip prints; back online, it hands them in,
 * oldest first, and gives back each lease it used, for a fresh one. The card's number never leaves the
 * moment of issue: only whether its holder is old enough for the green channel is kept.
 */
export function createOfflineTickets(options: OfflineTicketsOptions) {
  const { db, hall } = options;
  const now = options.now ?? (() => new Date());
  /** The hall's queues as it last listed them: what to hold leases of, and in which order to show them. */
  let listed: QueueSummary[] = [];
  let listedAt: number | null = null;
  /** Queues the hall gave no lease of since the list was last renewed (too few numbers left, say). */
  const notGiven = new Set<string>();
  function remember(queues: QueueSummary[]): void {
    listed = queues;
    listedAt = now().getTime();
    notGiven.clear();
  }
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  const allLeases = db.prepare<[], LeaseRow>('SELECT * FROM ticket_leases');
  const advance = db.prepare<[number, string, number]>('UPDATE ticket_leases SET next = ? WHERE id = ? AND next = ?');
  const record = db.prepare<[string, string, string, string]>(
    'INSERT INTO offline_tickets (id, lease_id, ticket, issued_at) VALUES (?, ?, ?, ?)',
  );
  const pendingTickets = db.prepare<[], { id: string; ticket: string }>(
    'SELECT id, ticket FROM offline_tickets WHERE taken_in_at IS NULL AND refused IS NULL ORDER BY issued_at',
  );
  const pendingOf = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM offline_tickets WHERE lease_id = ? AND taken_in_at IS NULL AND refused IS NULL',
  );
  const takenIn = db.prepare<[string, string]>('UPDATE offline_tickets SET taken_in_at = ? WHERE id = ?');
  const refused = db.prepare<[string, string]>('UPDATE offline_tickets SET refused = ? WHERE id = ?');
  const keep = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO ticket_leases (id, queue_id, lease, terms, next) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const toWithdraw = db.prepare<[string, string]>('INSERT INTO ticket_withdrawals (request_id, at) VALUES (?, ?) ON CONFLICT DO NOTHING');
  const pendingWithdrawals = db.prepare<[], { request_id: string }>('SELECT request_id FROM ticket_withdrawals ORDER BY at');
  const withdrawn = db.prepare<[string]>('DELETE FROM ticket_withdrawals WHERE request_id = ?');
  const forget = db.transaction((leaseId: string) => {
    db.prepare('DELETE FROM offline_tickets WHERE lease_id = ?').run(leaseId);
    db.prepare('DELETE FROM ticket_leases WHERE id = ?').run(leaseId);
  });

  const held = (): Held[] =>
    allLeases.all().map((row) => ({ lease: JSON.parse(row.lease) as TicketLease, terms: JSON.parse(row.terms) as Terms, next: row.next }));
  /** Good now: of today in the hall's time zone, not expired. */
  const current = ({ lease, terms }: Held, instant: Date) =>
    lease.serviceDate === localDate(instant, terms.timeZone) && instant.toISOString() < lease.expiresAt;
  const usable = (entry: Held, instant: Date) => current(entry, instant) && entry.next <= entry.lease.last;
  /** The queue's lease a number can be issued from now, if any. */
  const usableOf = (queueId: string, instant: Date) => held().find((entry) => entry.lease.queueId === queueId && usable(entry, instant));

  /**
   * Requests the hall did not answer in time, for which the citizen got an offline number: withdrawn before
   * the offline tickets go in, so a request that reached the hall late leaves no second number in line.
   */
  async function withdrawLate(): Promise<boolean> {
    for (const { request_id: requestId } of pendingWithdrawals.all()) {
      try {
        await hall.withdrawRequest(requestId);
      } catch (error) {
        if (unreachable(error)) return false;
        options.onError?.(error, 'withdrawing a request the hall answered too late');
      }
      withdrawn.run(requestId);
    }
    return true;
  }

  /** Tickets issued offline to the hall, oldest first; false when the hall stopped answering on the way. */
  async function handIn(): Promise<boolean> {
    for (const row of pendingTickets.all()) {
      try {
        await hall.takeInOffline(JSON.parse(row.ticket) as OfflineTicket);
        takenIn.run(now().toISOString(), row.id);
      } catch (error) {
        if (unreachable(error)) return false;
        // The slip is in the citizen's hand: staff must know the hall would not take it.
        refused.run(error instanceof Error ? error.message : String(error), row.id);
        options.onError?.(error, 'offline ticket refused by the hall');
      }
    }
    return true;
  }

  /** Leases used (for a fresh one sized anew), used up or out of date go back once all their tickets are in. */
  async function giveBackSpent(): Promise<boolean> {
    const instant = now();
    for (const entry of held()) {
      const { lease, next } = entry;
      if (next === lease.first && current(entry, instant)) continue;
      if (pendingOf.get(lease.id)!.n > 0) continue;
      try {
        await hall.returnLease(lease.id, next > lease.first ? next - 1 : null);
      } catch (error) {
        if (unreachable(error)) return false;
        // Not the hall's any more (another day, a hall rebuilt): nothing of it can be issued.
      }
      forget(lease.id);
    }
    return true;
  }

  /** Leases of the queues without one; a queue the hall gave none of is asked for again once the list is renewed. */
  async function leaseMissing(): Promise<void> {
    const instant = now();
    if (listedAt === null || instant.getTime() - listedAt > RELIST_MS) remember(await hall.listQueues());
    const covered = new Set(
      held()
        .filter((entry) => usable(entry, instant))
        .map((entry) => entry.lease.queueId),
    );
    const wanted = listed
      .filter((queue) => !queue.idRequired && !covered.has(queue.id) && !notGiven.has(queue.id))
      .map((queue) => queue.id);
    if (wanted.length === 0) return;
    let grant: LeaseGrant;
    try {
      grant = await hall.leaseNumbers(wanted);
    } catch (error) {
      // A hall in open mode leases to enrolled kiosks only (operations.md): asked again with the next list, not every tick.
      if (!(error instanceof RpcError && error.code === 'FORBIDDEN')) throw error;
      for (const queueId of wanted) notGiven.add(queueId);
      return;
    }
    const { leases, ...terms } = grant;
    for (const lease of leases) keep.run(lease.id, lease.queueId, JSON.stringify(lease), JSON.stringify(terms), lease.first);
    for (const queueId of wanted) if (!leases.some((lease) => lease.queueId === queueId)) notGiven.add(queueId);
  }

  function refresh(): Promise<void> {
    running ??= (async () => {
      if ((await withdrawLate()) && (await handIn()) && (await giveBackSpent())) await leaseMissing();
    })()
      .catch((error: unknown) => {
        if (!unreachable(error)) options.onError?.(error, 'ticket leases');
      })
      .finally(() => (running = undefined));
    return running;
  }

  return {
    /** The hall's queues as it just listed them, to show offline in the same order. */
    remember,

    /**
     * The hall's queues in its order (waiting counts as last seen), then any the kiosk holds numbers of that
     * the hall did not list; and of those, the ones it cannot number now, with why: shown closed, not hidden,
     * so the busiest queue does not vanish from its place when its numbers run out.
     */
    queues(): { shown: QueueSummary[]; closed: OfflineClosedQueue[] } {
      const instant = now();
      const entries = held().filter((entry) => current(entry, instant));
      const leased = new Map(entries.filter((entry) => usable(entry, instant)).map((entry) => [entry.lease.queueId, entry.lease]));
      const spent = new Set(entries.map((entry) => entry.lease.queueId));
      const unlisted = [...leased.values()]
        .filter((lease) => !listed.some((queue) => queue.id === lease.queueId))
        .map((lease) => ({
          id: lease.queueId,
          name: lease.queueName,
          prefix: lease.prefix,
          waiting: 0,
          estimatedWaitMinutes: null,
          idRequired: false,
        }));
      const closed = listed
        .filter((queue) => !leased.has(queue.id))
        .map((queue): OfflineClosedQueue => ({
          id: queue.id,
          name: queue.name,
          reason: queue.idRequired ? 'idRequired' : spent.has(queue.id) ? 'usedUp' : 'notLeased',
        }));
      return { shown: [...listed, ...unlisted], closed };
    },

    /** Whether a number of the queue can be issued now without the hall. */
    holds: (queueId: string): boolean => usableOf(queueId, now()) !== undefined,

    /**
     * The next number of the queue's lease, kept before it is handed out; null without a usable lease.
     * `withdraw`: the request the hall did not answer in time, kept with the ticket to be withdrawn.
     */
    issue(queueId: string, idNumber: string | undefined, withdraw?: string): HandedOutTicket | null {
      const instant = now();
      const entry = usableOf(queueId, instant);
      if (!entry) return null;
      const { lease, terms, next: sequence } = entry;
      const pageToken = terms.statusUrlBase === null ? null : randomBytes(TICKET_TOKEN_BYTES).toString('base64url');
      const agePriority = idNumber ? greenChannelByAge(idNumber, lease.serviceDate, terms.greenChannelAge) : false;
      const ticket: OfflineTicket = {
        leaseId: lease.id,
        sequence,
        ticketId: uuidv7(instant.getTime()),
        issuedAt: instant.toISOString(),
        pageToken,
        agePriority,
      };
      const kept = db.transaction(() => {
        if (advance.run(sequence + 1, lease.id, sequence).changes !== 1) return false;
        record.run(ticket.ticketId, lease.id, JSON.stringify(ticket), ticket.issuedAt);
        if (withdraw) toWithdraw.run(withdraw, ticket.issuedAt);
        return true;
      })();
      if (!kept) return null;
      return {
        id: ticket.ticketId,
        priority: agePriority,
        priorityReason: agePriority ? 'age' : null,
        queueId: lease.queueId,
        queueName: lease.queueName,
        ticketNumber: formatTicketNumber(lease.prefix, sequence, lease.maxPerDay),
        serviceDate: lease.serviceDate,
        issuedAt: ticket.issuedAt,
        waitingAhead: null,
        statusUrl: pageToken === null ? null : `${terms.statusUrlBase}/t/${pageToken}`,
        rules: terms.rules,
        offline: true,
      };
    },

    /** Tickets issued offline that the hall has not taken in yet, and requests not yet withdrawn. */
    pending: (): number => pendingTickets.all().length + pendingWithdrawals.all().length,

    /** Hands in, gives back and leases now, if nothing of it is under way already. */
    refresh,

    start(): void {
      const tick = () => {
        if (options.hallReachable()) void refresh();
      };
      tick();
      timer ??= setInterval(tick, options.intervalMs ?? 2000);
    },

    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
export type OfflineTickets = ReturnType<typeof createOfflineTickets>;
