import { createHash, randomBytes } from 'node:crypto';
import { TICKET_TOKEN_PATTERN } from '../../shared/hall-api.js';
import type { Db } from '../../storage/sqlite.js';

/** 18 bytes: 144 bits, beyond guessing at any rate, and 24 characters of base64url in the QR. */
const TOKEN_BYTES = 18;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The secret links to tickets' pages. The hall keeps only each token's hash, with the ticket and its
 * day, in its own database: a link survives a restart of the hall and works on its ticket's day only.
 */
export function createTicketLinks(db: Db) {
  // A ticket handed out again (a retried request whose first reply was lost) gets a new link; the first, never seen, stops working.
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO ticket_pages (token_sha256, ticket_id, service_date) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET token_sha256 = excluded.token_sha256',
  );
  const find = db.prepare<[string, string], { ticket_id: string }>(
    'SELECT ticket_id FROM ticket_pages WHERE token_sha256 = ? AND service_date = ?',
  );
  return {
    /** A new token for the ticket; the caller puts it in the link, the hall forgets it. */
    grant(ticketId: string, serviceDate: string): string {
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      insert.run(sha256(token), ticketId, serviceDate);
      return token;
    },
    /** The ticket the token opens on this service day; null for anything else, a past day's token included. */
    ticketOf(token: string, serviceDate: string): string | null {
      if (!TICKET_TOKEN_PATTERN.test(token)) return null;
      return find.get(sha256(token), serviceDate)?.ticket_id ?? null;
    },
  };
}
