import type { HallEvent } from '../../shared/hall-events.js';

interface WindowState {
  number: number;
  paused: boolean;
}

export interface CallsShown {
  /** The call in the headline: the newest at a window that is open. */
  current: HallEvent | undefined;
  /** The calls before it, newest first. */
  previous: HallEvent[];
}

const windowOf = (call: HallEvent) => call.windowNumber ?? call.ticket?.windowNumber ?? null;

/**
 * What the board calls out: each ticket once, at its newest call (a recall is the same citizen), and none
 * at a window the hall has paused — a paused window invites no one, so the board agrees with the queue.
 */
export function callsShown(
  latest: HallEvent | undefined,
  recent: readonly HallEvent[],
  windows: readonly WindowState[],
  previous: number,
): CallsShown {
  const paused = new Set(windows.filter((window) => window.paused).map((window) => window.number));
  const seen = new Set<string>();
  const calls = [...(latest ? [latest] : []), ...recent]
    .filter((call) => call.ticket)
    .sort((a, b) => b.seq - a.seq)
    .filter((call) => {
      if (seen.has(call.ticket!.ticketId)) return false;
      seen.add(call.ticket!.ticketId);
      return true;
    })
    .filter((call) => !paused.has(windowOf(call) ?? -1));
  return { current: calls[0], previous: calls.slice(1, 1 + previous) };
}
