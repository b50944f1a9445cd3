import { createHash, randomBytes } from 'node:crypto';
import { TICKET_TOKEN_BYTES, TICKET_TOKEN_PATTERN } from '../../shared/tickets.js';
import type { HallStore } from '../storage/store.js';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The secret links to tickets' pages. The hall keeps only each token's hash, with the ticket and its
 * day, in its own database: a link survives a restart of the hall and works on its ticket's day only.
 */
export function createTicketLinks(store: HallStore) {
  // A ticket handed out again (a retried request whose first reply was lost) gets a new link; the first, never seen, stops working.
  return {
    /**
     * A new token for the ticket; the caller puts it in the link, the hall forgets it. A kiosk that printed
     * a ticket offline made its token itself, and hands it over with the ticket.
     */
    async grant(ticketId: string, serviceDate: string, token = randomBytes(TICKET_TOKEN_BYTES).toString('base64url')): Promise<string> {
      await store.write(
        'INSERT INTO ticket_pages (token_sha256, ticket_id, service_date) VALUES (?, ?, ?) ON CONFLICT (ticket_id) DO UPDATE SET token_sha256 = excluded.token_sha256',
        sha256(token),
        ticketId,
        serviceDate,
      );
      return token;
    },
    /** The ticket the token opens on this service day; null for anything else, a past day's token included. */
    async ticketOf(token: string, serviceDate: string): Promise<string | null> {
      if (!TICKET_TOKEN_PATTERN.test(token)) return null;
      const row = await store.get<{ ticket_id: string }>(
        'SELECT ticket_id FROM ticket_pages WHERE token_sha256 = ? AND service_date = ?',
        sha256(token),
        serviceDate,
      );
      return row?.ticket_id ?? null;
    },
  };
}
