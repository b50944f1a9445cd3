/**
 * Crash restart backoff: 1 s, 2 s, 4 s … capped at one minute, so a page or a terminal host process that
 * crashes as it starts cannot spin the CPU; one that then ran for ten minutes without crashing starts
 * again at 1 s. The Electron shell and the browser-mode shell both use it.
 */
export function createCrashBackoff(now: () => number = Date.now): { crashed(): number } {
  let streak = 0;
  let lastCrash = -Infinity;
  return {
    crashed() {
      const at = now();
      streak = at - lastCrash > 10 * 60_000 ? 1 : streak + 1;
      lastCrash = at;
      return Math.min(60_000, 1000 * 2 ** (streak - 1));
    },
  };
}
