import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockText, localDateTimeText, localTimeText, wireDateTime, wireDateText } from '../../src/shared/local-date.js';

describe('times on a screen', () => {
  it('shows an ISO instant from the wire in the hall’s local time, not UTC', () => {
    expect(localDateTimeText('2026-12-01T18:43:15.665Z')).toBe('2026-12-02 02:43');
    expect(localTimeText('2026-12-01T18:43:15.665Z')).toBe('02:43');
    expect(localDateTimeText(new Date('2026-12-01T01:00:00Z'), 'Asia/Urumqi')).toBe('2026-12-01 07:00');
  });

  it('says so instead of showing nonsense for a time it cannot read', () => {
    expect(localDateTimeText('not a time')).toBe('—');
    expect(localTimeText('not a time')).toBe('—');
  });

  it('shows a wire date (a promised date) with its dashes, as the receipt prints it', () => {
    expect(wireDateText('20261209')).toBe('2026-12-09');
    expect(wireDateText('2026-12-09')).toBe('2026-12-09');
  });

  it('the header clock is local too', () => {
    expect(clockText(new Date('2026-12-01T18:43:15Z'))).toMatch(/12月2日.*02:43/);
  });
});

describe('the local time of an instant', () => {
  it('is what Intl says, in zones with and without summer time, across their changes', () => {
    const zones = ['Asia/Shanghai', 'Asia/Urumqi', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    const intl = (instant: Date, timeZone: string) => {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(instant)
          .map((part) => [part.type, part.value]),
      );
      return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        expect(wireDateTime(new Date(ms), zone)).toBe(intl(new Date(ms), zone));
      }),
      { numRuns: 5000 },
    );
    // Either side of a change: New York's spring forward, London's autumn back, Lord Howe's half hour.
    for (const [at, zone] of [
      ['2026-03-08T06:59:59Z', 'America/New_York'],
      ['2026-03-08T07:00:00Z', 'America/New_York'],
      ['2026-10-25T00:59:59Z', 'Europe/London'],
      ['2026-10-25T01:00:00Z', 'Europe/London'],
      ['2026-04-04T14:59:59Z', 'Australia/Lord_Howe'],
      ['2026-04-04T15:00:00Z', 'Australia/Lord_Howe'],
    ] as const)
      expect(wireDateTime(new Date(at), zone)).toBe(intl(new Date(at), zone));
  });
});
