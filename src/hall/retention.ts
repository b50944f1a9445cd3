import type { Db } from '../storage/sqlite.js';

const PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * What the hall forgets. A ticket's or an appointment's card hash serves the per-card limits of its own
 * day only, so it is cleared once that day is past, and so are the link to its public page and the clerks'
 * transfer notes on it (they may name the applicant; they sit beside the event chain, which still verifies);
 * expired pre-fill codes go with their content, and the first answers kept for retried requests with their
 * day. The hall database deletes securely, so the cleared values are overwritten, not left in free pages.
 */
export function createHallRetention(db: Db, serviceDate: () => string, purgeExpiredPrefills: () => number) {
  const tickets = db.prepare<[string]>('UPDATE tickets SET id_hash = NULL WHERE service_date < ? AND id_hash IS NOT NULL');
  const appointments = db.prepare<[string]>('UPDATE appointments SET id_hash = NULL WHERE day < ? AND id_hash IS NOT NULL');
  const ticketPages = db.prepare<[string]>('DELETE FROM ticket_pages WHERE service_date < ?');
  const replies = db.prepare<[string]>('DELETE FROM request_replies WHERE service_date < ?');
  const notes = db.prepare<[string]>('DELETE FROM hall_event_notes WHERE ticket_id IN (SELECT id FROM tickets WHERE service_date < ?)');
  const purge = db.transaction(() => {
    const today = serviceDate();
    return (
      tickets.run(today).changes +
      appointments.run(today).changes +
      ticketPages.run(today).changes +
      replies.run(today).changes +
      notes.run(today).changes +
      purgeExpiredPrefills()
    );
  });
  return {
    /** Rows changed: what was forgotten. */
    purge: (): number => purge.immediate(),
    /** Purges now and every ten minutes until stopped. */
    start(): () => void {
      purge.immediate();
      const timer = setInterval(() => purge.immediate(), PURGE_INTERVAL_MS).unref();
      return () => clearInterval(timer);
    },
  };
}
