import { createHash } from 'node:crypto';
import { ApiError } from '../http-server/api-error.js';
import type { Db } from '../storage/sqlite.js';

/**
 * Idempotency keys per terminal: the first answer is stored in the same transaction (a savepoint of
 * the group commit) as the change it reports, so a repeat (the reply was lost, the terminal crashed)
 * gets that answer and changes nothing, and the same key with another body is refused, not guessed at.
 */
export function createIdempotency(db: Db) {
  const find = db.prepare<[string, string], { body_sha256: string; response: string }>(
    'SELECT body_sha256, response FROM idempotency WHERE terminal_id = ? AND key = ?',
  );
  const store = db.prepare('INSERT INTO idempotency (terminal_id, key, body_sha256, response) VALUES (?, ?, ?, ?)');

  return {
    once<T>(terminalId: string, key: string | undefined, body: unknown, apply: () => T): T {
      if (!key || key.length > 200) {
        throw new ApiError('IDEMPOTENCY_KEY_REQUIRED', 400, '写操作须带 Idempotency-Key 请求头（≤200 字符）/ a write needs an Idempotency-Key header of at most 200 characters');
      }
      const bodyHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      return db.transaction(() => {
        const previous = find.get(terminalId, key);
        if (previous) {
          if (previous.body_sha256 !== bodyHash) {
            throw new ApiError('IDEMPOTENCY_MISMATCH', 422, `Idempotency-Key ${key} 已用于另一内容的请求 / the Idempotency-Key ${key} was used for a different request`);
          }
          return JSON.parse(previous.response) as T;
        }
        const result = apply();
        store.run(terminalId, key, bodyHash, JSON.stringify(result));
        return result;
      })();
    },
  };
}
