import { useState } from 'react';
import { useQuery } from '../rpc/hooks.js';

interface Seen {
  clerk: string;
  ticket: string | undefined;
  /** Bumped by each new clerk or number: the key of the screen's parts that start afresh. */
  visit: number;
  /** Bumped by each new clerk only. */
  shift: number;
}

/**
 * Who is at the window now: the clerk logged in and the last number called. A new one of either is a
 * new visit, and the screen keyed by it starts afresh; finishing a number (办结) is not, so the result
 * of the case stays on screen until the next call. The first snapshot is no change: what a clerk did before
 * it arrived (a card read, an item picked) stays.
 */
export function useVisit(windowNumber: number | undefined): { key: string; clerkKey: string } {
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [seen, setSeen] = useState<Seen>();
  // A snapshot of an unexpected shape fails the 叫号 panel, inside its boundary, not the whole workstation here.
  const windows = Array.isArray(snapshot.data?.windows) ? snapshot.data.windows : undefined;
  if (windows) {
    const window = windows.find((candidate) => candidate.number === windowNumber);
    const clerk = window?.clerk?.id ?? '';
    const ticket = window?.current?.ticketId ?? seen?.ticket;
    if (!seen) setSeen({ clerk, ticket, visit: 0, shift: 0 });
    else if (clerk !== seen.clerk || ticket !== seen.ticket)
      setSeen({ clerk, ticket, visit: seen.visit + 1, shift: seen.shift + (clerk !== seen.clerk ? 1 : 0) });
  }
  return { key: `visit-${seen?.visit ?? 0}`, clerkKey: `shift-${seen?.shift ?? 0}` };
}
