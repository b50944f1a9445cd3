import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../../../src/terminal/cases/backoff.js';

describe('retry delays', () => {
  it('draws from zero up to an exponentially growing cap (full jitter)', () => {
    const options = { baseMs: 1000, capMs: 60_000 };
    expect(retryDelayMs(0, options, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, options, () => 0.5)).toBe(4000);
    expect(retryDelayMs(40, options, () => 0.999)).toBe(59_940);
    expect(retryDelayMs(5, options, () => 0)).toBe(0);
  });

  it('takes Retry-After as given, up to an hour', () => {
    expect(retryDelayMs(0, { baseMs: 1000, capMs: 60_000, retryAfterMs: 120_000 }, () => 0)).toBe(120_000);
    expect(retryDelayMs(0, { baseMs: 1000, capMs: 60_000, retryAfterMs: 86_400_000 }, () => 0)).toBe(3_600_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
