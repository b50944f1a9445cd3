import { useEffect, useState } from 'react';
import type { LiveHall } from '../../shared/manager-console.js';
import { ConsoleError, consoleApi } from './console-client.js';

/** How long the console waits before it asks again after the hall did not answer. */
const RETRY_MS = 2000;

export interface LiveHallState {
  hall: LiveHall | null;
  /** The hall did not answer the last ask: what is shown is as of `hall.at`. */
  reconnecting: boolean;
  /** Its answer does not fit this page: the hall was upgraded since the page was loaded, which must be reloaded. */
  outdated: boolean;
  /** The hall's clock minus this page's, so waits count on the hall's time. */
  clockOffsetMs: number;
}

/**
 * The hall as it stands, followed for as long as the console is open: each answer names its seq, and the
 * next ask waits at the hall for the event after it. A hall that does not answer (restarting, the network)
 * is asked again every two seconds; a session that ended hands over to `onLoggedOut`.
 */
export function useLiveHall(onLoggedOut: () => void): LiveHallState {
  const [state, setState] = useState<LiveHallState>({ hall: null, reconnecting: false, outdated: false, clockOffsetMs: 0 });
  useEffect(() => {
    const stop = new AbortController();
    void (async () => {
      let after: number | undefined;
      while (!stop.signal.aborted) {
        try {
          const hall = await consoleApi.liveHall(after, stop.signal);
          after = hall.seq;
          setState({ hall, reconnecting: false, outdated: false, clockOffsetMs: Date.parse(hall.at) - Date.now() });
        } catch (error) {
          if (stop.signal.aborted) return;
          if (error instanceof ConsoleError && error.code === 'UNAUTHORIZED') {
            onLoggedOut();
            return;
          }
          // From the start again: a hall that restarted may have a log that no longer reaches `after`.
          after = undefined;
          const outdated = error instanceof ConsoleError && error.code === 'OUTDATED';
          setState((previous) => ({ ...previous, reconnecting: true, outdated }));
          await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        }
      }
    })();
    return () => stop.abort();
  }, [onLoggedOut]);
  return state;
}
