import { createHash } from 'node:crypto';
import { RpcError } from '../shared/rpc/errors.js';
import type { Db } from '../storage/sqlite.js';

export const REQUEST_REPLIES_MIGRATION = {
  name: 'first replies to requests that create something',
  sql: `
    CREATE TABLE request_replies (request_id TEXT PRIMARY KEY, method TEXT NOT NULL, input_sha256 TEXT NOT NULL, reply TEXT NOT NULL, at TEXT NOT NULL) STRICT;
    CREATE INDEX request_replies_at ON request_replies (at);
  `,
};

/** A page repeats an action within moments; a day covers any restart in between. */
const KEEP_MS = 86_400_000;

/**
 * The host's side of request ids: a repeat of a request (the page lost the reply and sent it again)
 * gets the first reply, kept in terminal.db, and one still being answered is waited for, not run twice.
 * A request that failed is not kept: its repeat runs again (with the same id, which the hall remembers too).
 */
export function createRequestReplies(db: Db, now: () => Date = () => new Date()) {
  const find = db.prepare<[string], { method: string; input_sha256: string; reply: string }>(
    'SELECT method, input_sha256, reply FROM request_replies WHERE request_id = ?',
  );
  const store = db.prepare<[string, string, string, string, string]>(
    'INSERT INTO request_replies (request_id, method, input_sha256, reply, at) VALUES (?, ?, ?, ?, ?)',
  );
  const purge = db.prepare<[string]>('DELETE FROM request_replies WHERE at < ?');
  const running = new Map<string, { method: string; hash: string; reply: Promise<unknown> }>();
  const mismatch = (requestId: string) =>
    new RpcError(
      'INVALID_INPUT',
      `请求编号 ${requestId} 已用于另一操作，请重新操作 / the request id ${requestId} was used for another request: start the action again`,
    );

  return {
    async once<T>(method: string, requestId: string, input: unknown, run: () => Promise<T> | T): Promise<T> {
      const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const same = (other: { method: string; hash: string }) => other.method === method && other.hash === hash;
      const inFlight = running.get(requestId);
      if (inFlight) {
        if (!same(inFlight)) throw mismatch(requestId);
        return inFlight.reply as Promise<T>;
      }
      const previous = find.get(requestId);
      if (previous) {
        if (!same({ method: previous.method, hash: previous.input_sha256 })) throw mismatch(requestId);
        return JSON.parse(previous.reply) as T;
      }
      const reply = (async () => {
        const value = await run();
        const at = now();
        purge.run(new Date(at.getTime() - KEEP_MS).toISOString());
        store.run(requestId, method, hash, JSON.stringify(value), at.toISOString());
        return value;
      })();
      running.set(requestId, { method, hash, reply });
      try {
        return await reply;
      } finally {
        running.delete(requestId);
      }
    },
  };
}
