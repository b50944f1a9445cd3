import type { HallEvent, HallEventType, HallTicketRef } from '../shared/hall-events.js';
import { nextEntry, type AuditEntry } from '../storage/audit-chain.js';
import type { Db } from '../storage/sqlite.js';

export interface EventLog {
  /** Appends inside the caller's transaction; subscribers hear of it once that transaction has committed. */
  /** `note`: what the clerk wrote with a transfer, for the window that takes the ticket; `terminalId`: the terminal a terminal.* event is about; `configSha256`: the configuration a hall.configChanged names; `clerkId`: who a clerk.loggedIn is; `triesLeft`: after a clerk.loginFailed. */
  append(
    type: HallEventType,
    ticket: HallTicketRef | null,
    windowNumber: number | null,
    extra?: Pick<HallEvent, 'note' | 'clerkId' | 'terminalId' | 'configSha256' | 'triesLeft'>,
  ): HallEvent;
  /** Up to `limit` events after `seq`, oldest first. */
  after(seq: number, limit?: number): HallEvent[];
  lastSeq(): number;
  /** The newest event subscribers have heard of: a stream catches up to it, and hears the later ones live. */
  publishedSeq(): number;
  /** The latest events of the given types, newest first. */
  latest(types: readonly HallEventType[], limit: number): HallEvent[];
  subscribe(listener: (event: HallEvent) => void): () => void;
  /** Hands the events appended by a committed transaction to the subscribers. */
  flush(): void;
  /** Runs a (synchronous) change on behalf of a terminal: its events record who made it. */
  withActor<T>(actor: string, change: () => T): T;
  /** The chained events, oldest first, as `onewindow-audit verify` reads them (events from before the chain are left out). */
  auditEntries(): Generator<AuditEntry>;
  /** The newest chained event, and a chained event's hash: what the hall anchors on the platform. */
  tip(): { seq: number; hash: string } | null;
  hashAt(seq: number): string | null;
}

interface Row {
  seq: number;
  at: string;
  type: HallEventType;
  payload: string;
  actor: string;
  prev_hash: string | null;
  hash: string | null;
  note: string | null;
}

type Payload = Pick<HallEvent, 'ticket' | 'windowNumber' | 'note' | 'clerkId' | 'terminalId' | 'configSha256' | 'triesLeft'>;
const toEvent = (row: Row): HallEvent => ({
  seq: row.seq,
  at: row.at,
  type: row.type,
  ...(JSON.parse(row.payload) as Payload),
  ...(row.note ? { note: row.note } : {}),
});
/** Each event with its transfer note, which is kept beside the chained payload (see migration 12). */
const WITH_NOTE = 'SELECT hall_events.*, hall_event_notes.note FROM hall_events LEFT JOIN hall_event_notes USING (seq)';

/**
 * The hall's events in SQLite with their sequence numbers: what every client replays after a reconnect.
 * They are also the hall's audit trail: each carries who made the change and the previous event's hash,
 * read inside the appending transaction, so an edited, removed or reordered event is found.
 */
export function createEventLog(db: Db, now: () => Date): EventLog {
  const listeners = new Set<(event: HallEvent) => void>();
  let pending: HallEvent[] = [];
  let actor = '';
  const tip = db.prepare<[], { seq: number; hash: string | null }>('SELECT seq, hash FROM hall_events ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare<[number, string, string, string, string, string, string]>(
    'INSERT INTO hall_events (seq, at, type, payload, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertNote = db.prepare<[number, string, string]>('INSERT INTO hall_event_notes (seq, ticket_id, note) VALUES (?, ?, ?)');
  const chained = db.prepare<[], Omit<Row, 'note'>>('SELECT * FROM hall_events WHERE hash IS NOT NULL ORDER BY seq');
  const since = db.prepare<[number, number], Row>(`${WITH_NOTE} WHERE seq > ? ORDER BY seq LIMIT ?`);
  const last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM hall_events');
  const hashAt = db.prepare<[number], { hash: string | null }>('SELECT hash FROM hall_events WHERE seq = ?');
  const latest = db.prepare<[string, number], Row>(`${WITH_NOTE} WHERE type IN (SELECT value FROM json_each(?)) ORDER BY seq DESC LIMIT ?`);
  let published = last.get()?.seq ?? 0;
  return {
    append(type, ticket, windowNumber, extra = {}) {
      const at = now().toISOString();
      const { note, ...chainedExtra } = extra;
      const payload = {
        ticket,
        windowNumber,
        ...Object.fromEntries(Object.entries(chainedExtra).filter(([, value]) => value !== undefined && value !== '')),
      };
      const { entry, detailJson } = nextEntry(tip.get(), { at, actor, action: type, caseId: null, detail: payload });
      insert.run(entry.seq, at, type, detailJson, actor, entry.prev, entry.hash);
      if (note && ticket) insertNote.run(entry.seq, ticket.ticketId, note);
      const event = { seq: entry.seq, at, type, ...payload, ...(note && ticket ? { note } : {}) };
      pending.push(event);
      return event;
    },
    *auditEntries() {
      for (const row of chained.iterate()) {
        yield {
          seq: row.seq,
          at: row.at,
          actor: row.actor,
          action: row.type,
          caseId: null,
          detail: JSON.parse(row.payload) as unknown,
          prev: row.prev_hash!,
          hash: row.hash!,
        };
      }
    },
    tip() {
      const newest = tip.get();
      return newest?.hash ? { seq: newest.seq, hash: newest.hash } : null;
    },
    hashAt: (seq) => hashAt.get(seq)?.hash ?? null,
    after: (seq, limit = 5000) => since.all(seq, limit).map(toEvent),
    lastSeq: () => last.get()?.seq ?? 0,
    publishedSeq: () => published,
    latest: (types, limit) => latest.all(JSON.stringify(types), limit).map(toEvent),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    withActor(who, change) {
      const previous = actor;
      actor = who;
      try {
        return change();
      } finally {
        actor = previous;
      }
    },
    flush() {
      const events = pending;
      pending = [];
      for (const event of events) {
        published = event.seq;
        for (const listener of listeners) listener(event);
      }
    },
  };
}
