import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../storage/sqlite.js';
import type { HallStore, Query, SqlValue } from './store.js';

interface Batch {
  committed: { resolve(): void; reject(error: unknown): void }[];
  announced: boolean;
  known: Map<symbol, unknown>;
}

/**
 * The hall on its embedded SQLite file (one-PC halls, `npm start`). Transactions run one after another
 * on the one connection; those that arrive in the same turn of the event loop share one SQLite
 * transaction and its fsync (group commit), each in its own savepoint so a refused change undoes only
 * itself. A transaction's promise resolves once its batch is on disk: no answer goes out for a change
 * that could still be lost. Reads outside a transaction see the batch; should its commit fail (a broken
 * disk), every change in it is reported as failed.
 */
export function createSqliteHallStore(db: Db, file: string): HallStore {
  const inside = new AsyncLocalStorage<true>();
  const statements = new Map<string, Database.Statement<SqlValue[]>>();
  const listeners = new Set<() => void>();
  let queue: Promise<unknown> = Promise.resolve();
  let batch: Batch | null = null;
  let closed = false;

  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) statements.set(sql, (prepared = db.prepare<SqlValue[]>(sql)));
    return prepared;
  };

  function commit(): void {
    const done = batch!;
    batch = null;
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const waiter of done.committed) waiter.reject(error);
      return;
    }
    if (done.announced) for (const listener of listeners) listener();
    for (const waiter of done.committed) waiter.resolve();
  }

  async function change<T>(work: () => Promise<T>): Promise<{ value: T; committed: Promise<void> }> {
    if (!batch) {
      db.exec('BEGIN IMMEDIATE');
      batch = { committed: [], announced: false, known: new Map() };
      // Behind the changes queued by then: a change still running is never committed half done.
      setImmediate(() => (queue = queue.then(commit)));
    }
    const mine = batch;
    const knownBefore = new Map(mine.known);
    db.exec('SAVEPOINT change');
    let value: T;
    try {
      value = await inside.run(true, work);
    } catch (error) {
      mine.known = knownBefore;
      db.exec('ROLLBACK TO change');
      db.exec('RELEASE change');
      throw error;
    }
    db.exec('RELEASE change');
    return { value, committed: new Promise<void>((resolve, reject) => mine.committed.push({ resolve, reject })) };
  }

  function transaction<T>(work: () => Promise<T>): Promise<T> {
    if (inside.getStore()) return work();
    const step = queue.then(() => change(work));
    queue = step.catch(() => undefined);
    return step.then(({ value, committed }) => committed.then(() => value));
  }

  return {
    engine: 'sqlite',
    get: async <T>(sql: string, ...params: SqlValue[]) => statement(sql).get(...params) as T | undefined,
    all: async <T>(sql: string, ...params: SqlValue[]) => statement(sql).all(...params) as T[],
    run: async (sql, ...params) => statement(sql).run(...params).changes,
    write: async (sql, ...params) => void statement(sql).run(...params),
    allTogether: async <T extends unknown[]>(...queries: { [K in keyof T]: Query<T[K]> }) =>
      queries.map((each) => statement(each.sql).all(...each.params)) as { [K in keyof T]: T[K][] },
    known<T>(key: symbol) {
      const known = inside.getStore() ? batch?.known : undefined;
      return {
        get: () => known?.get(key) as T | undefined,
        set: (value: T) => void known?.set(key, value),
      };
    },
    transaction,
    read: transaction,
    announce() {
      if (batch) batch.announced = true;
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    inTransaction: () => db.inTransaction,
    health: async () => ({ engine: 'sqlite', primary: !closed, database: file }),
    async close() {
      if (closed) return;
      await queue;
      while (batch) await new Promise((resolve) => setImmediate(resolve)).then(() => queue);
      closed = true;
      db.close();
    },
  };
}
