import { backoffDelayMs } from '../../shared/backoff.js';

const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** When to send a case operation again: the shared full-jitter backoff, unless the server's Retry-After says. */
export function retryDelayMs(
  attempts: number,
  options: { baseMs: number; capMs: number; retryAfterMs?: number },
  random: () => number = Math.random,
): number {
  // A server may ask for a long pause, but not for one that outlasts the working day.
  if (options.retryAfterMs !== undefined) return Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS);
  return backoffDelayMs(attempts, options, random);
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
