import type { Db } from './sqlite.js';

/**
 * Group commit: changes that arrive in the same turn of the event loop run in one SQLite transaction
 * (each in its own savepoint, so a refused change undoes only itself) and share one fsync, which is
 * most of what a change costs with synchronous=FULL. A caller's promise resolves only after the
 * commit, so no answer is sent for a change that could still be lost. Reads in the meantime see the
 * batch; should its commit fail (a broken disk), every change in it is reported as failed.
 */
export function createGroupCommit(db: Db, afterCommit: () => void) {
  let waiting: { resolve(): void; reject(error: unknown): void }[] = [];

  function commit(): void {
    const batch = waiting;
    waiting = [];
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const entry of batch) entry.reject(error);
      return;
    }
    afterCommit();
    for (const entry of batch) entry.resolve();
  }

  return {
    run<T>(change: () => T): Promise<T> {
      if (!db.inTransaction) {
        db.exec('BEGIN IMMEDIATE');
        setImmediate(commit);
      }
      let result: T;
      try {
        result = change();
      } catch (error) {
        return Promise.reject(error);
      }
      return new Promise<T>((resolve, reject) => waiting.push({ resolve: () => resolve(result), reject }));
    },
  };
}
