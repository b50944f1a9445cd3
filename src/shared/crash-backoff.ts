import { backoffDelayMs } from './backoff.js';

/**
 * Crash restart backoff: the shared full-jitter backoff with ceilings 1 s, 2 s, 4 s … up to one minute,
 * so a page or a terminal host process that crashes as it starts cannot spin the CPU; one that then ran
 * for ten minutes without crashing starts again at 1 s. The Electron shell and the browser-mode shell
 * both use it.
 */
export function createCrashBackoff(now: () => number = Date.now, random: () => number = Math.random): { crashed(): number } {
  let streak = 0;
  let lastCrash = -Infinity;
  return {
    crashed() {
      const at = now();
      streak = at - lastCrash > 10 * 60_000 ? 1 : streak + 1;
      lastCrash = at;
      return backoffDelayMs(streak - 1, { baseMs: 1000, capMs: 60_000 }, random);
    },
  };
}
