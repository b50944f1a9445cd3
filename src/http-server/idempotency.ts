import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../shared/errors.js';

export interface IdempotencyOptions {
  /** The body's fingerprint (hex); SHA-256 unless the server keys it (the hall, whose bodies carry card numbers). */
  fingerprint?: (json: string) => string;
}

/**
 * Idempotency keys per terminal on the platform's SQLite (`idempotency`: terminal_id, key, body_sha256,
 * response): the first answer is stored in the same transaction (a savepoint of the group commit) as the
 * change it reports, so a repeat (the reply was lost, the terminal crashed) gets that answer and changes
 * nothing, and the same key with another body is refused. The hall's own, on either engine, is
 * `src/hall/idempotency.ts`; both share the checks below.
 */
export function createIdempotency(db: Database.Database, options: IdempotencyOptions = {}) {
  const fingerprint = fingerprintOf(options);
  const find = db.prepare<[string, string], StoredReply>('SELECT body_sha256, response FROM idempotency WHERE terminal_id = ? AND key = ?');
  const store = db.prepare<[string, string, string, string]>(
    'INSERT INTO idempotency (terminal_id, key, body_sha256, response) VALUES (?, ?, ?, ?)',
  );

  return {
    once<T>(terminalId: string, key: string | undefined, body: unknown, apply: () => T): T {
      const id = requireKey(key);
      const bodyHash = fingerprint(body);
      return db.transaction(() => {
        const previous = find.get(terminalId, id);
        if (previous) return replay<T>(previous, bodyHash, id);
        const result = apply();
        store.run(terminalId, id, bodyHash, JSON.stringify(result));
        return result;
      })();
    },
  };
}

/** A first answer as stored. */
export interface StoredReply {
  body_sha256: string;
  response: string;
}

/** The body's fingerprint, keyed where the server says so. */
export function fingerprintOf(options: Pick<IdempotencyOptions, 'fingerprint'>): (body: unknown) => string {
  const digest = options.fingerprint ?? ((json: string) => createHash('sha256').update(json).digest('hex'));
  return (body) => digest(JSON.stringify(body));
}

/** The request id a write must carry. */
export function requireKey(key: string | undefined): string {
  if (!key || key.length > 200) {
    throw new ApiError(
      'IDEMPOTENCY_KEY_REQUIRED',
      '写操作须带 Idempotency-Key 请求头（≤200 字符）/ a write needs an Idempotency-Key header of at most 200 characters',
    );
  }
  return key;
}

/** The first answer again, for the same body; the same key with another body is refused, not guessed at. */
export function replay<T>(previous: StoredReply, bodyHash: string, key: string): T {
  if (previous.body_sha256 !== bodyHash) {
    throw new ApiError(
      'IDEMPOTENCY_MISMATCH',
      `Idempotency-Key ${key} 已用于另一内容的请求，请为新的操作生成新的请求编号 / the Idempotency-Key ${key} was used for a different request: use a new one for a new action`,
    );
  }
  return JSON.parse(previous.response) as T;
}
