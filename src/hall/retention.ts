import type { HallStore } from './storage/store.js';

const PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * What the hall forgets. A ticket's or an appointment's card hash serves the per-card limits of its own
 * day only, so it is cleared once that day is past, and so are the link to its public page and the clerks'
 * transfer notes on it (they may name the applicant; they sit beside the event chain, which still verifies);
 * expired pre-fill codes go with their content, and the first answers kept for retried requests with their
 * day. The SQLite hall deletes securely, so the cleared values are overwritten, not left in free pages; on
 * PostgreSQL, VACUUM reclaims them (docs/operations.md).
 */
export function createHallRetention(store: HallStore, serviceDate: () => string, purgeExpired: () => Promise<number>) {
  const purge = () =>
    store.transaction(async () => {
      const today = serviceDate();
      let changed = 0;
      for (const sql of [
        'UPDATE tickets SET id_hash = NULL WHERE service_date < ? AND id_hash IS NOT NULL',
        'UPDATE appointments SET id_hash = NULL WHERE day < ? AND id_hash IS NOT NULL',
        'DELETE FROM ticket_pages WHERE service_date < ?',
        'DELETE FROM request_replies WHERE service_date < ?',
        'DELETE FROM hall_event_notes WHERE ticket_id IN (SELECT id FROM tickets WHERE service_date < ?)',
      ])
        changed += await store.run(sql, today);
      return changed + (await purgeExpired());
    });
  return {
    /** Rows changed: what was forgotten. */
    purge,
    /** Purges now and every ten minutes until stopped; a purge that fails (the database away) is tried at the next. */
    start(): () => void {
      void purge().catch(() => undefined);
      const timer = setInterval(() => void purge().catch(() => undefined), PURGE_INTERVAL_MS).unref();
      return () => clearInterval(timer);
    },
  };
}
