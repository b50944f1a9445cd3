import type { HallEvent, HallEventType, HallTicketRef } from '../shared/hall-events.js';
import type { Db } from '../storage/sqlite.js';

export interface EventLog {
  /** Appends inside the caller's transaction; subscribers hear of it once that transaction has committed. */
  /** `note`: what the clerk wrote with a transfer, for the window that takes the ticket. */
  append(type: HallEventType, ticket: HallTicketRef | null, windowNumber: number | null, note?: string): HallEvent;
  after(seq: number): HallEvent[];
  lastSeq(): number;
  /** The latest events of the given types, newest first. */
  latest(types: readonly HallEventType[], limit: number): HallEvent[];
  subscribe(listener: (event: HallEvent) => void): () => void;
  /** Hands the events appended by a committed transaction to the subscribers. */
  flush(): void;
  /** Runs a (synchronous) change on behalf of a terminal: its events record who made it. */
  withActor<T>(actor: string, change: () => T): T;
}

interface Row {
  seq: number;
  at: string;
  type: HallEventType;
  payload: string;
}

const toEvent = (row: Row): HallEvent => ({ seq: row.seq, at: row.at, type: row.type, ...(JSON.parse(row.payload) as Pick<HallEvent, 'ticket' | 'windowNumber' | 'note'>) });

/** The hall's events in SQLite with their sequence numbers: what every client replays after a reconnect. */
export function createEventLog(db: Db, now: () => Date): EventLog {
  const listeners = new Set<(event: HallEvent) => void>();
  let pending: HallEvent[] = [];
  let actor = '';
  const insert = db.prepare<[string, string, string, string], { seq: number }>(
    'INSERT INTO hall_events (at, type, payload, actor) VALUES (?, ?, ?, ?) RETURNING seq',
  );
  const since = db.prepare<[number], Row>('SELECT * FROM hall_events WHERE seq > ? ORDER BY seq LIMIT 5000');
  const last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM hall_events');
  const latest = db.prepare<[string, number], Row>('SELECT * FROM hall_events WHERE type IN (SELECT value FROM json_each(?)) ORDER BY seq DESC LIMIT ?');
  return {
    append(type, ticket, windowNumber, note) {
      const at = now().toISOString();
      const { seq } = insert.get(at, type, JSON.stringify({ ticket, windowNumber, ...(note ? { note } : {}) }), actor)!;
      const event = { seq, at, type, ticket, windowNumber, ...(note ? { note } : {}) };
      pending.push(event);
      return event;
    },
    after: (seq) => since.all(seq).map(toEvent),
    lastSeq: () => last.get()?.seq ?? 0,
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
      for (const event of events) for (const listener of listeners) listener(event);
    },
  };
}
