import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/shared/backoff.js';

describe('the backoff with full jitter', () => {
  const options = { baseMs: 250, capMs: 5000 };

  it('draws the delay from zero up to base·2^attempt', () => {
    expect(backoffDelayMs(0, options, () => 0)).toBe(0);
    expect(backoffDelayMs(0, options, () => 1)).toBe(250);
    expect(backoffDelayMs(1, options, () => 0.5)).toBe(250);
    expect(backoffDelayMs(3, options, () => 0.999)).toBe(1998);
  });

  it('never lets the ceiling pass the cap, however many attempts', () => {
    expect(backoffDelayMs(5, options, () => 1)).toBe(5000);
    expect(backoffDelayMs(10_000, options, () => 1)).toBe(5000);
  });

  it('spreads terminals retrying at the same attempt over the whole ceiling', () => {
    const draws = [0.1, 0.4, 0.7, 0.95];
    expect(draws.map((draw) => backoffDelayMs(4, options, () => draw))).toEqual([400, 1600, 2800, 3800]);
  });

  it('uses Math.random when no source is given, within the ceiling', () => {
    for (let turn = 0; turn < 100; turn++) {
      const delay = backoffDelayMs(2, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(1000);
    }
  });
});
