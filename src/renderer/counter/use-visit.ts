import { useState } from 'react';
import { useQuery } from '../rpc/hooks.js';

/**
 * Who is at the window now: the clerk logged in and the last number called. A new one of either is a
 * new visit, and the screen keyed by it starts afresh; finishing a number (办结) is not, so the result
 * of the case stays on screen until the next call.
 */
export function useVisit(windowNumber: number | undefined): { key: string; clerk: string } {
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  // A snapshot of an unexpected shape fails the 叫号 panel, inside its boundary, not the whole workstation here.
  const windows = Array.isArray(snapshot.data?.windows) ? snapshot.data.windows : [];
  const window = windows.find((candidate) => candidate.number === windowNumber);
  const clerk = window?.clerk?.id ?? '';
  const ticket = window?.current?.ticketId;
  const [last, setLast] = useState<string>();
  if (ticket && ticket !== last) setLast(ticket);
  return { key: `${clerk}/${ticket ?? last ?? ''}`, clerk };
}
