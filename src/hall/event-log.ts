import { AsyncLocalStorage } from 'node:async_hooks';
import type { HallEvent, HallEventType, HallTicketRef } from '../shared/hall-events.js';
import { nextEntry, type AuditEntry } from '../storage/audit-chain.js';
import type { HallStore } from './storage/store.js';

/** What an event carries besides its ticket and window, each field with the kinds of event it goes with (HallEventSchema). */
type EventExtra = Pick<
  HallEvent,
  | 'note'
  | 'clerkId'
  | 'terminalId'
  | 'configSha256'
  | 'triesLeft'
  | 'managerId'
  | 'evaluationId'
  | 'alertRuleId'
  | 'alertId'
  | 'followUpId'
  | 'followUpAction'
  | 'calendarDate'
  | 'settingsVersion'
>;

export interface EventLog {
  /** Appends inside the caller's transaction; subscribers hear of it once that transaction has committed. */
  /** `note`: what the clerk wrote with a transfer, for the window that takes the ticket; `terminalId`: the terminal a terminal.* event is about; `configSha256`: the configuration a hall.configChanged names; `clerkId`: who a clerk.loggedIn is; `triesLeft`: after a clerk.loginFailed or manager.loginFailed; `managerId`: the console account a manager.* event is about. */
  append(type: HallEventType, ticket: HallTicketRef | null, windowNumber: number | null, extra?: EventExtra): Promise<HallEvent>;
  /** Up to `limit` events after `seq`, oldest first. */
  after(seq: number, limit?: number): Promise<HallEvent[]>;
  lastSeq(): Promise<number>;
  /** The newest event subscribers have heard of: a stream catches up to it, and hears the later ones live. */
  publishedSeq(): number;
  /** The latest events of the given types, newest first. */
  latest(types: readonly HallEventType[], limit: number): Promise<HallEvent[]>;
  subscribe(listener: (event: HallEvent) => void): () => void;
  /** Runs a change on behalf of a terminal: the events it appends record who made it. */
  withActor<T>(actor: string, change: () => Promise<T>): Promise<T>;
  /** The chained events, oldest first, as `onewindow-audit verify` reads them (events from before the chain are left out). */
  auditEntries(): AsyncGenerator<AuditEntry>;
  /** The newest chained event, and a chained event's hash: what the hall anchors on the platform. */
  tip(): Promise<{ seq: number; hash: string } | null>;
  hashAt(seq: number): Promise<string | null>;
  /** Reads where the log stands and starts handing on what commits: before the first subscriber. */
  start(): Promise<void>;
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

type Payload = Pick<HallEvent, 'ticket' | 'windowNumber'> & EventExtra;
const toEvent = (row: Row): HallEvent => ({
  seq: row.seq,
  at: row.at,
  type: row.type,
  ...(JSON.parse(row.payload) as Payload),
  ...(row.note ? { note: row.note } : {}),
});
/** Each event with its transfer note, which is kept beside the chained payload (see migration 13). */
const WITH_NOTE = 'SELECT hall_events.*, hall_event_notes.note FROM hall_events LEFT JOIN hall_event_notes USING (seq)';
const CHAINED_PAGE = 1000;

/** What a transaction knows of the log's last entry (`HallStore.known`). */
const LAST_ENTRY = Symbol("the log's last entry");

/**
 * The hall's events with their sequence numbers: what every client replays after a reconnect. They are
 * also the hall's audit trail: each carries who made the change and the previous event's hash, read inside
 * the appending transaction (which holds the hall's write lock), so an edited, removed or reordered event
 * is found. Subscribers hear events in seq order, each once, when they are committed — by this instance or,
 * on PostgreSQL, by another: each commit that appended wakes the log, which reads what is new since the
 * last event handed on.
 */
export function createEventLog(store: HallStore, now: () => Date): EventLog {
  const listeners = new Set<(event: HallEvent) => void>();
  const actors = new AsyncLocalStorage<string>();
  let published = 0;
  let handing: Promise<void> = Promise.resolve();
  let stopListening: (() => void) | null = null;

  const tip = () => store.get<{ seq: number; hash: string | null }>('SELECT seq, hash FROM hall_events ORDER BY seq DESC LIMIT 1');
  const last = async () => (await tip())?.seq ?? 0;
  const since = async (seq: number, limit?: number) =>
    (limit === undefined
      ? await store.all<Row>(`${WITH_NOTE} WHERE seq > ? ORDER BY seq`, seq)
      : await store.all<Row>(`${WITH_NOTE} WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit)
    ).map(toEvent);

  /**
   * Called at each commit. The read starts at once: on SQLite that is before the next batch of changes
   * can begin, so it sees exactly what committed. Reads are handed on in order, each event once.
   */
  function handOn(): void {
    // Caught at once, not where the chain reaches it: a read refused meanwhile would end the process as unhandled.
    // The database is away (failing over): the next commit or the store's poll reads it again.
    const read = since(published).catch(() => []);
    handing = handing
      .then(() => read)
      .then((events) => {
        for (const event of events) {
          if (event.seq <= published) continue;
          published = event.seq;
          for (const listener of listeners) listener(event);
        }
      })
      // A subscriber that throws must not stop the hand-on for the others or for the next commit.
      .catch(() => undefined);
  }

  return {
    async start() {
      if (stopListening) return;
      published = await last();
      stopListening = store.onCommit(handOn);
    },
    async append(type, ticket, windowNumber, extra = {}) {
      if (!store.inTransaction()) throw new Error(`hall event ${type} appended outside a transaction`);
      const at = now().toISOString();
      const actor = actors.getStore() ?? '';
      const { note, ...chainedExtra } = extra;
      const payload = {
        ticket,
        windowNumber,
        ...Object.fromEntries(Object.entries(chainedExtra).filter(([, value]) => value !== undefined && value !== '')),
      };
      // The last entry, read once per transaction: while it holds the hall's lock only this log appends.
      const known = store.known<{ seq: number; hash: string | null }>(LAST_ENTRY);
      const newest = known.get() ?? (await tip());
      const { entry, detailJson } = nextEntry(newest, {
        at,
        actor,
        action: type,
        caseId: null,
        detail: payload,
      });
      await store.write(
        'INSERT INTO hall_events (seq, at, type, payload, actor, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        entry.seq,
        at,
        type,
        detailJson,
        actor,
        entry.prev,
        entry.hash,
      );
      known.set({ seq: entry.seq, hash: entry.hash });
      if (note && ticket)
        await store.write('INSERT INTO hall_event_notes (seq, ticket_id, note) VALUES (?, ?, ?)', entry.seq, ticket.ticketId, note);
      store.announce();
      return { seq: entry.seq, at, type, ...payload, ...(note && ticket ? { note } : {}) };
    },
    async *auditEntries() {
      for (let from = 0; ;) {
        const rows = await store.all<Omit<Row, 'note'>>(
          'SELECT * FROM hall_events WHERE hash IS NOT NULL AND seq > ? ORDER BY seq LIMIT ?',
          from,
          CHAINED_PAGE,
        );
        for (const row of rows) {
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
        if (rows.length < CHAINED_PAGE) return;
        from = rows.at(-1)!.seq;
      }
    },
    async tip() {
      const newest = await tip();
      return newest?.hash ? { seq: newest.seq, hash: newest.hash } : null;
    },
    hashAt: async (seq) => (await store.get<{ hash: string | null }>('SELECT hash FROM hall_events WHERE seq = ?', seq))?.hash ?? null,
    after: (seq, limit = 5000) => since(seq, limit),
    lastSeq: last,
    publishedSeq: () => published,
    async latest(types, limit) {
      // One type at a time, each walking its index back from the newest: `type IN (…) ORDER BY seq` would sort the whole day's calls.
      const rows: Row[] = [];
      for (const type of types) rows.push(...(await store.all<Row>(`${WITH_NOTE} WHERE type = ? ORDER BY seq DESC LIMIT ?`, type, limit)));
      return rows
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map(toEvent);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    withActor: (who, change) => actors.run(who, change),
  };
}
