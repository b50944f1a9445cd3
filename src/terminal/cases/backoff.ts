const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * When to try again: "full jitter" (a random delay up to an exponentially growing cap), so a hall's
 * counters coming back after an outage do not all knock at once; a server's Retry-After wins.
 */
export function retryDelayMs(attempts: number, options: { baseMs: number; capMs: number; retryAfterMs?: number }, random: () => number = Math.random): number {
  // A server may ask for a long pause, but not for one that outlasts the working day.
  if (options.retryAfterMs !== undefined) return Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempts, 30));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
