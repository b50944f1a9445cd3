import { fingerprintOf, replay, requireKey, type StoredReply } from '../http-server/idempotency.js';
import { ApiError } from '../shared/errors.js';
import type { HallStore, Sql } from './storage/store.js';

/** In place of a body's fingerprint: the terminal withdrew this request before the hall ever saw it. */
const WITHDRAWN_REQUEST = 'withdrawn';

const storedReply = (sql: Sql, terminalId: string, key: string) =>
  sql.get<StoredReply>('SELECT body_sha256, response FROM request_replies WHERE terminal_id = ? AND key = ?', terminalId, key);

const remember = (sql: Sql, terminalId: string, key: string, bodyHash: string, response: string, serviceDate: string) =>
  sql.write(
    'INSERT INTO request_replies (terminal_id, key, body_sha256, response, service_date) VALUES (?, ?, ?, ?, ?)',
    terminalId,
    key,
    bodyHash,
    response,
    serviceDate,
  );

/**
 * A request the terminal gave up on, inside the caller's transaction: the hall's first answer to it, if
 * it made one; else undefined, and the request is marked withdrawn so that it is refused when it comes.
 */
export async function withdrawRequest(sql: Sql, terminalId: string, key: string, serviceDate: string): Promise<unknown> {
  const previous = await storedReply(sql, terminalId, key);
  if (previous) return previous.body_sha256 === WITHDRAWN_REQUEST ? undefined : (JSON.parse(previous.response) as unknown);
  await remember(sql, terminalId, key, WITHDRAWN_REQUEST, 'null', serviceDate);
  return undefined;
}

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
        const previous = await storedReply(store, terminalId, id);
        if (previous?.body_sha256 === WITHDRAWN_REQUEST)
          throw new ApiError(
            'REFUSED',
            '这次请求已由终端撤回（自助机已改发离线号），未再办理 / the terminal withdrew this request (the kiosk gave an offline number instead): nothing was done',
          );
        if (previous) return replay<T>(previous, bodyHash, id);
        const result = await apply();
        await remember(store, terminalId, id, bodyHash, JSON.stringify(result), options.serviceDate());
        return result;
      });
    },
  };
}
