export interface BackoffOptions {
  /** The ceiling of the first retry; it doubles with each attempt. */
  baseMs: number;
  /** The ceiling never grows past this. */
  capMs: number;
}

/**
 * How long to wait before retry number `attempt` (0 for the first): "full jitter", a random delay from
 * zero up to min(cap, base·2^attempt). Without the randomness every board and counter of a hall would
 * knock again in lockstep after the hall restarts; with it they spread over the whole ceiling.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * ceiling);
}
