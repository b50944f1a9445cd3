import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { ApiError } from '../shared/errors.js';

export interface IdempotencyOptions {
  /** The table of first answers: `terminal_id, key, body_sha256, response` (and `service_date` with `serviceDate`). */
  table: 'idempotency' | 'request_replies';
  /** The body's fingerprint (hex); SHA-256 unless the server keys it (the hall, whose bodies carry card numbers). */
  fingerprint?: (json: string) => string;
  /** The day a first answer is kept for, when the server forgets them at the day's end. */
  serviceDate?: () => string;
}

/**
 * Idempotency keys per terminal: the first answer is stored in the same transaction (a savepoint of
 * the group commit) as the change it reports, so a repeat (the reply was lost, the terminal crashed)
 * gets that answer and changes nothing, and the same key with another body is refused, not guessed at.
 */
export function createIdempotency(db: Database.Database, options: IdempotencyOptions) {
  const fingerprint = options.fingerprint ?? ((json: string) => createHash('sha256').update(json).digest('hex'));
  const find = db.prepare<[string, string], { body_sha256: string; response: string }>(
    `SELECT body_sha256, response FROM ${options.table} WHERE terminal_id = ? AND key = ?`,
  );
  const store = options.serviceDate
    ? db.prepare(`INSERT INTO ${options.table} (terminal_id, key, body_sha256, response, service_date) VALUES (?, ?, ?, ?, ?)`)
    : db.prepare(`INSERT INTO ${options.table} (terminal_id, key, body_sha256, response) VALUES (?, ?, ?, ?)`);

  return {
    once<T>(terminalId: string, key: string | undefined, body: unknown, apply: () => T): T {
      if (!key || key.length > 200) {
        throw new ApiError(
          'IDEMPOTENCY_KEY_REQUIRED',
          '写操作须带 Idempotency-Key 请求头（≤200 字符）/ a write needs an Idempotency-Key header of at most 200 characters',
        );
      }
      const bodyHash = fingerprint(JSON.stringify(body));
      return db.transaction(() => {
        const previous = find.get(terminalId, key);
        if (previous) {
          if (previous.body_sha256 !== bodyHash) {
            throw new ApiError(
              'IDEMPOTENCY_MISMATCH',
              `Idempotency-Key ${key} 已用于另一内容的请求，请为新的操作生成新的请求编号 / the Idempotency-Key ${key} was used for a different request: use a new one for a new action`,
            );
          }
          return JSON.parse(previous.response) as T;
        }
        const result = apply();
        if (options.serviceDate) store.run(terminalId, key, bodyHash, JSON.stringify(result), options.serviceDate());
        else store.run(terminalId, key, bodyHash, JSON.stringify(result));
        return result;
      })();
    },
  };
}
