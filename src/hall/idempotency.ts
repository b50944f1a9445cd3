import { fingerprintOf, replay, requireKey, type StoredReply } from '../http-server/idempotency.js';
import { ApiError } from '../shared/errors.js';
import type { HallStore } from './storage/store.js';

/** In place of a body's fingerprint: the terminal withdrew this request before the hall ever saw it. */
export const WITHDRAWN_REQUEST = 'withdrawn';

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
        if (previous?.body_sha256 === WITHDRAWN_REQUEST)
          throw new ApiError(
            'REFUSED',
            '这次请求已由终端撤回（自助机已改发离线号），未再办理 / the terminal withdrew this request (the kiosk gave an offline number instead): nothing was done',
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
