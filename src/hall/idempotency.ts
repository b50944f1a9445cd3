import { fingerprintOf, replay, requireKey, type StoredReply } from '../http-server/idempotency.js';
import type { HallStore } from './storage/store.js';

/**
 * The hall's first answers to requests that create something (`request_replies`), kept for their service
 * day: stored in the same transaction as the change they report, so a repeat — the reply was lost, the
 * terminal crashed, or it moved to the other hall server — gets that answer and changes nothing.
 */
export function createHallIdempotency(store: HallStore, options: { fingerprint: (json: string) => string; serviceDate: () => string }) {
  const fingerprint = fingerprintOf(options);
  return {
    once<T>(terminalId: string, key: string | undefined, body: unknown, apply: () => Promise<T>): Promise<T> {
      const id = requireKey(key);
      const bodyHash = fingerprint(body);
      return store.transaction(async () => {
        const previous = await store.get<StoredReply>(
          'SELECT body_sha256, response FROM request_replies WHERE terminal_id = ? AND key = ?',
          terminalId,
          id,
        );
        if (previous) return replay<T>(previous, bodyHash, id);
        const result = await apply();
        await store.run(
          'INSERT INTO request_replies (terminal_id, key, body_sha256, response, service_date) VALUES (?, ?, ?, ?, ?)',
          terminalId,
          id,
          bodyHash,
          JSON.stringify(result),
          options.serviceDate(),
        );
        return result;
      });
    },
  };
}
