import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { backoffDelayMs } from '../../shared/backoff.js';
import { ApiError } from '../../shared/errors.js';
import type { Migration } from '../../storage/sqlite.js';
import type { HallStore, Query, SqlValue, StoreHealth } from './store.js';

export interface PostgresDatabaseOptions {
  /** The primary and its standbys, in any order: the store writes to whichever is primary now. */
  urls: readonly string[];
  /** Connections to the primary, shared by every hall on this database. */
  poolSize?: number;
  /** How often the store wakes `onCommit` listeners without a notification (a LISTEN connection lost meanwhile). */
  pollMs?: number;
  warn?: (message: string) => void;
}

export interface HallSchema {
  /** The hall whose write lock and notifications these are. */
  hallId: string;
  /** Where its tables are: `public` for a hall alone on its database, its own schema on a county cluster. */
  schema: string;
  migrations: readonly Migration[];
}

export interface PostgresStoreOptions extends PostgresDatabaseOptions, Omit<HallSchema, 'schema'> {
  schema?: string;
}

/** The database of one hall or of a county's halls: one primary, one pool and one LISTEN shared; a store per hall. */
export interface PostgresDatabase {
  hall(hall: HallSchema): Promise<HallStore>;
  close(): Promise<void>;
}

const CHANNEL = 'onewindow_hall';
/** The most changes one commit takes: a hall's busiest minute never waits long behind a batch. */
const MAX_BATCH = 64;

interface Batch {
  pool: pg.Pool;
  client: pg.PoolClient;
  committed: { resolve(): void; reject(error: unknown): void }[];
  announced: boolean;
  /** The running change's writes not yet sent: they go with its next query, or when it ends. */
  pending: string[];
  /** What the transaction knows (`HallStore.known`), valid while it holds the hall's lock. */
  known: Map<symbol, unknown>;
}
/** SQLSTATE classes and codes of a database that went away, is starting or stopping, or was demoted. */
const LOST_STATES = /^(08|57P0[1-3]|25006)/;
const LOST_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

const isLost = (error: unknown): boolean => {
  const { code, message } = error as { code?: string; message?: string };
  if (code && (LOST_STATES.test(code) || LOST_ERRNOS.has(code))) return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message ?? '',
  );
};

const unavailable = () =>
  new ApiError(
    'UNAVAILABLE',
    '大厅数据库正在切换或暂时无法连接，请稍后重试 / the hall database is failing over or unreachable: try again in a moment',
  );

/** Counts and sums come back as int8 and numeric: the hall's are far below 2^53, so numbers, as SQLite gives them. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** `sql` with each `?` outside quoted strings replaced: the services' SQL is written once for both engines. */
function replacePlaceholders(sql: string, replace: (index: number) => string): string {
  let n = 0;
  let quoted = false;
  let text = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    text += char === '?' && !quoted ? replace(n++) : char;
  }
  return text;
}

const texts = new Map<string, string>();
/** `?` to `$1, $2, …`, for a query with parameters. */
function positional(sql: string): string {
  let text = texts.get(sql);
  if (text === undefined) texts.set(sql, (text = replacePlaceholders(sql, (index) => `$${index + 1}`)));
  return text;
}

/**
 * `?` to the values as quoted literals, for statements sent several in one simple query (which takes no
 * parameters). A quoted literal is of no type until its place gives it one, as a parameter is, so the
 * statement means the same either way.
 */
const inlined = (sql: string, params: readonly SqlValue[]) =>
  replacePlaceholders(sql, (index) => {
    const value = params[index];
    return value === null || value === undefined ? 'NULL' : pg.escapeLiteral(String(value));
  });

/** A signed 64-bit advisory lock key per hall, as text (PostgreSQL takes it as bigint). */
const lockKey = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** A hall alone on its database (its tables in `public`); closing the store closes the database. */
export async function openPostgresHallStore(options: PostgresStoreOptions): Promise<HallStore> {
  const database = openPostgresDatabase(options);
  try {
    const store = await database.hall({ hallId: options.hallId, schema: options.schema ?? 'public', migrations: options.migrations });
    return { ...store, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * The hall on PostgreSQL, for hall servers in pairs and county clusters. Any instance serves any request:
 * a transaction takes the hall's advisory lock first (`pg_advisory_xact_lock`), so the writes of one hall
 * are serial across instances as they are on SQLite — numbers are given once, a ticket is called once, and
 * the chained log's next entry follows the last committed one — while other halls on the cluster go on
 * in parallel. A transaction that announced sends `NOTIFY` on commit; every instance LISTENs and wakes its
 * `onCommit` listeners, which read what is new by seq. The store finds the primary among `urls` and, when
 * it goes away (killed, or a standby promoted in its place), finds the new one at the next request; the
 * request that met the loss is refused as UNAVAILABLE, and a terminal retries it under its request id.
 *
 * Halls of a county share the database, each in its own schema: a connection is pointed at the hall's
 * schema (`search_path`) before any of its queries, so no query of one hall can reach another's tables,
 * whatever its SQL says, and a hall is backed up, restored or removed alone (`pg_dump -n`, `DROP SCHEMA`).
 */
export function openPostgresDatabase(options: PostgresDatabaseOptions): PostgresDatabase {
  const listeners = new Map<string, Set<() => void>>();
  const guarded = new WeakSet<pg.PoolClient>();
  /** The schema a pooled connection points at now: it is set again only when another hall takes it. */
  const schemaOf = new WeakMap<pg.PoolClient, string>();
  const warn = options.warn ?? (() => undefined);
  let current: { pool: pg.Pool; url: string } | null = null;
  let finding: Promise<{ pool: pg.Pool; url: string }> | null = null;
  let listener: pg.Client | null = null;
  let listenAttempt = 0;
  let listenTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const wake = (hallId?: string) => {
    for (const [hall, each] of listeners) if (hallId === undefined || hall === hallId) for (const listener of each) listener();
  };
  const poll = setInterval(() => wake(), options.pollMs ?? 1000);
  poll.unref();

  function poolFor(url: string): pg.Pool {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: 3000,
      keepAlive: true,
      // A primary switched off without closing its sockets must not hold a request for ever.
      query_timeout: 15_000,
    });
    pool.on('error', () => drop(pool));
    return pool;
  }

  async function find(): Promise<{ pool: pg.Pool; url: string }> {
    for (const url of options.urls) {
      const pool = poolFor(url);
      try {
        const { rows } = await pool.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
        if (!rows[0]!.standby) {
          current = { pool, url };
          listen();
          return current;
        }
      } catch {
        // Not there: the next one may be the primary.
      }
      await pool.end().catch(() => undefined);
    }
    throw unavailable();
  }

  function primary(): Promise<{ pool: pg.Pool; url: string }> {
    if (closed) return Promise.reject(unavailable());
    if (current) return Promise.resolve(current);
    finding ??= find().finally(() => (finding = null));
    return finding;
  }

  function drop(pool: pg.Pool): void {
    if (current?.pool !== pool) return;
    warn(`大厅数据库连接中断，将重新寻找主库 / lost the hall database at ${redact(current.url)}: looking for the primary again`);
    current = null;
    void pool.end().catch(() => undefined);
  }

  /** LISTEN on the primary, again after every loss, then catch up: what committed meanwhile was not notified. */
  function listen(): void {
    if (closed || listener || listenTimer) return;
    const retry = () => {
      listener = null;
      if (closed || listenTimer) return;
      listenTimer = setTimeout(
        () => {
          listenTimer = null;
          listen();
        },
        backoffDelayMs(listenAttempt++, { baseMs: 200, capMs: 5000 }),
      );
      listenTimer.unref();
    };
    void primary()
      .then(async ({ url }) => {
        const client = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 3000 });
        listener = client;
        client.on('error', () => undefined);
        client.on('end', () => {
          if (listener === client) retry();
        });
        client.on('notification', (message) => {
          if (message.payload) wake(message.payload);
        });
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        listenAttempt = 0;
        wake();
      })
      .catch(() => {
        void listener?.end().catch(() => undefined);
        retry();
      });
  }

  /** A connection of the primary pointed at the hall's schema; a lost database is refused as UNAVAILABLE. */
  async function connect(schema: string): Promise<{ pool: pg.Pool; client: pg.PoolClient }> {
    const { pool } = await primary();
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      if (isLost(error)) drop(pool);
      throw unavailable();
    }
    // A checked-out client whose server dies also emits 'error': unheard, it would end the process; the query under way fails anyway.
    if (!guarded.has(client)) {
      guarded.add(client);
      client.on('error', () => undefined);
    }
    if (schemaOf.get(client) !== schema) {
      try {
        await client.query(`SET search_path TO ${quoted(schema)}`);
      } catch (error) {
        client.release(error as Error);
        if (isLost(error)) drop(pool);
        throw isLost(error) ? unavailable() : error;
      }
      schemaOf.set(client, schema);
    }
    return { pool, client };
  }

  async function storeFor(hall: HallSchema): Promise<HallStore> {
    /** The connection a change or a read runs on; `batch` is null in a read, which may not write. */
    const inside = new AsyncLocalStorage<{ client: pg.PoolClient; batch: Batch | null }>();
    /** This instance's changes to the hall, one after another (they would wait on the hall's lock anyway). */
    let queue: Promise<unknown> = Promise.resolve();
    /** Changes queued behind the one running: while there are any, the batch stays open for them. */
    let waiting = 0;
    let batch: Batch | null = null;
    // The lock key is a number and the hall id is quoted, so both go into the SQL text: a batch opens with
    // its first change's first query, and commits in one round trip (the simple protocol takes several
    // statements in one query).
    const opening = `BEGIN; SELECT pg_advisory_xact_lock('${lockKey(`onewindow-hall:${hall.hallId}`)}'::bigint)`;
    const notifying = `SELECT pg_notify('${CHANNEL}', ${pg.escapeLiteral(hall.hallId)}); COMMIT`;

    /** A lost database loses the whole batch: every change in it is refused, and retried by its terminal. */
    function lose(open: Batch, error: unknown): never {
      batch = null;
      open.client.release(error as Error);
      drop(open.pool);
      for (const waiter of open.committed) waiter.reject(unavailable());
      throw unavailable();
    }

    async function commit(open: Batch): Promise<void> {
      batch = null;
      try {
        await open.client.query(open.announced ? notifying : 'COMMIT');
      } catch (error) {
        if (isLost(error)) lose(open, error);
        await open.client.query('ROLLBACK').catch(() => undefined);
        open.client.release();
        for (const waiter of open.committed) waiter.reject(error);
        return;
      }
      open.client.release();
      if (open.announced) wake(hall.hallId);
      for (const waiter of open.committed) waiter.resolve();
    }

    /**
     * Undoes a change that threw, its writes not yet sent dropped: the whole transaction when it was the
     * batch's first, else back to its savepoint (which stays, for the next change of the batch).
     */
    async function undo(open: Batch, first: boolean): Promise<void> {
      open.pending = [];
      try {
        if (first) {
          batch = null;
          await open.client.query('ROLLBACK');
          open.client.release();
          return;
        }
        await open.client.query('ROLLBACK TO SAVEPOINT change');
      } catch (error) {
        if (isLost(error)) lose(open, error);
        throw error;
      }
      if (waiting === 0) await commit(open);
    }

    /** The statements waiting to go, then `last`, in one round trip; the results of `last`. */
    async function send(open: Batch, last: string[] = []): Promise<pg.QueryResult[]> {
      const statements = [...open.pending.splice(0), ...last];
      const answer = (await open.client.query(statements.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
      const results = Array.isArray(answer) ? answer : [answer];
      return results.slice(results.length - last.length);
    }

    /**
     * One change in the open batch, or in a new one, which takes the hall's lock: a refused change undoes
     * only itself (a change joining a batch runs in a savepoint, set as the change before it ended; the
     * first needs none, the transaction is all its own). Its writes go with its next query or its end, so
     * a change costs about one round trip per read (on a busy server each one waits its turn of the event
     * loop). The batch commits once no
     * other change waits, or when full; each change's promise resolves only then, so no answer goes out
     * for a change not yet durable. Savepoints are not released: a batch holds at most MAX_BATCH, within
     * what PostgreSQL keeps in memory per transaction.
     */
    async function change<T>(work: () => Promise<T>): Promise<{ value: T; committed: Promise<void> }> {
      const first = !batch;
      if (!batch) {
        const { pool, client } = await connect(hall.schema);
        // The transaction and the hall's lock are taken with the change's first query.
        batch = { pool, client, committed: [], announced: false, pending: [opening], known: new Map() };
      }
      const open = batch;
      const knownBefore = new Map(open.known);
      let value: T;
      // Alone in its batch, a change's writes and the commit go together; else the commit is the batch's own step.
      let closing = false;
      try {
        value = await inside.run({ client: open.client, batch: open }, work);
        closing = waiting === 0 || open.committed.length + 1 >= MAX_BATCH;
        if (first && closing) {
          await send(open, [open.announced ? notifying : 'COMMIT']);
          batch = null;
          open.client.release();
          if (open.announced) wake(hall.hallId);
          return { value, committed: Promise.resolve() };
        }
        // The next change's savepoint is set with the end of this one: each change after the first finds its own.
        if (!closing) await send(open, ['SAVEPOINT change']);
        else if (open.pending.length) await send(open);
      } catch (error) {
        if (isLost(error)) lose(open, error);
        open.known = knownBefore;
        await undo(open, first);
        throw error;
      }
      const committed = new Promise<void>((resolve, reject) => open.committed.push({ resolve, reject }));
      // Should the commit below throw, this change is refused through that throw: its own promise is never awaited.
      committed.catch(() => undefined);
      if (closing) await commit(open);
      return { value, committed };
    }

    /** A read-only transaction at repeatable read: every query of `work` sees the same committed state. */
    async function read<T>(work: () => Promise<T>): Promise<T> {
      const { pool, client } = await connect(hall.schema);
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const value = await inside.run({ client, batch: null }, work);
        await client.query('COMMIT');
        client.release();
        return value;
      } catch (error) {
        if (isLost(error)) {
          client.release(error as Error);
          drop(pool);
          throw unavailable();
        }
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        throw error;
      }
    }

    const mine = new Set<() => void>();
    listeners.set(hall.hallId, mine);

    async function query<R>(sql: string, params: SqlValue[]): Promise<pg.QueryResult<R & pg.QueryResultRow>> {
      const tx = inside.getStore();
      if (tx?.batch?.pending.length) return (await send(tx.batch, [inlined(sql, params)]))[0] as pg.QueryResult<R & pg.QueryResultRow>;
      if (tx) return tx.client.query<R & pg.QueryResultRow>(positional(sql), params);
      const { pool, client } = await connect(hall.schema);
      try {
        const result = await client.query<R & pg.QueryResultRow>(positional(sql), params);
        client.release();
        return result;
      } catch (error) {
        if (!isLost(error)) {
          client.release();
          throw error;
        }
        client.release(error as Error);
        drop(pool);
        throw unavailable();
      }
    }

    const migrating = await connect(hall.schema);
    await migrate(migrating.client, hall);

    return {
      engine: 'postgresql',
      get: async <T>(sql: string, ...params: SqlValue[]) => (await query<T>(sql, params)).rows[0],
      all: async <T>(sql: string, ...params: SqlValue[]) => (await query<T>(sql, params)).rows,
      run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
      async allTogether<T extends unknown[]>(...queries: { [K in keyof T]: Query<T[K]> }) {
        const tx = inside.getStore();
        if (tx?.batch) {
          const results = await send(
            tx.batch,
            queries.map((each) => inlined(each.sql, each.params)),
          );
          return results.map((result) => result.rows) as { [K in keyof T]: T[K][] };
        }
        const rows: unknown[][] = [];
        for (const each of queries) rows.push((await query(each.sql, each.params)).rows);
        return rows as { [K in keyof T]: T[K][] };
      },
      known<T>(key: symbol) {
        const known = inside.getStore()?.batch?.known;
        return {
          get: () => known?.get(key) as T | undefined,
          set: (value: T) => void known?.set(key, value),
        };
      },
      async write(sql, ...params) {
        const tx = inside.getStore();
        if (tx?.batch) tx.batch.pending.push(inlined(sql, params));
        else await query(sql, params);
      },
      transaction<T>(work: () => Promise<T>): Promise<T> {
        const tx = inside.getStore();
        if (tx?.batch) return work();
        if (tx) return Promise.reject(new Error('a change inside a read: a read takes no lock and cannot write'));
        waiting += 1;
        const step = queue.then(() => {
          waiting -= 1;
          return change(work);
        });
        queue = step.catch(() => undefined);
        return step.then(({ value, committed }) => committed.then(() => value));
      },
      read(work) {
        return inside.getStore() ? work() : read(work);
      },
      announce() {
        const tx = inside.getStore();
        if (tx?.batch) tx.batch.announced = true;
      },
      onCommit(each) {
        mine.add(each);
        return () => mine.delete(each);
      },
      inTransaction: () => Boolean(inside.getStore()?.batch),
      health,
      async close() {
        listeners.delete(hall.hallId);
      },
    };
  }

  async function health(): Promise<StoreHealth> {
    try {
      const { pool, url } = await primary();
      const { rows } = await pool.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
      return { engine: 'postgresql', primary: !rows[0]!.standby, database: redact(url) };
    } catch {
      return { engine: 'postgresql', primary: false, database: options.urls.map(redact).join(', ') };
    }
  }

  return {
    hall(hall) {
      if (listeners.has(hall.hallId)) return Promise.reject(new Error(`hall ${hall.hallId} is already open on this database`));
      return storeFor(hall);
    },
    async close() {
      closed = true;
      clearInterval(poll);
      if (listenTimer) clearTimeout(listenTimer);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await current?.pool.end().catch(() => undefined);
      current = null;
    },
  };
}

/**
 * Numbered migrations under a session lock, so two instances starting together apply each once; in the
 * hall's schema, which the first of them creates. `client` points at that schema and is released here.
 */
async function migrate(client: pg.PoolClient, hall: HallSchema): Promise<void> {
  const { migrations } = hall;
  // The lock of a hall alone keeps its name from before county clusters: an instance not yet upgraded takes the same one.
  const key = lockKey(hall.schema === 'public' ? 'onewindow-hall:migrations' : `onewindow-hall:migrations:${hall.schema}`);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
    if (hall.schema !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(hall.schema)}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...migrations.map((migration) => migration.version));
    const ahead = rows.find((row) => row.version > newest);
    if (ahead) {
      throw new Error(
        `大厅数据库的结构版本 ${ahead.version} 比本程序（${newest}）新：请先升级本程序 / the hall database's schema version ${ahead.version} is newer than this program (${newest}): upgrade the program first`,
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    client.release();
  }
}
