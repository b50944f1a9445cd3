import { describe, expect, it } from 'vitest';
import { clockText, localDateTimeText, wireDateText } from '../../src/shared/local-date.js';

describe('times on a screen', () => {
  it('shows an ISO instant from the wire in the hall’s local time, not UTC', () => {
    expect(localDateTimeText('2026-12-01T18:43:15.665Z')).toBe('2026-12-02 02:43');
    expect(localDateTimeText(new Date('2026-12-01T01:00:00Z'), 'Asia/Urumqi')).toBe('2026-12-01 07:00');
  });

  it('says so instead of showing nonsense for a time it cannot read', () => {
    expect(localDateTimeText('not a time')).toBe('—');
  });

  it('shows a wire date (a promised date) with its dashes, as the receipt prints it', () => {
    expect(wireDateText('20261209')).toBe('2026-12-09');
    expect(wireDateText('2026-12-09')).toBe('2026-12-09');
  });

  it('the header clock is local too', () => {
    expect(clockText(new Date('2026-12-01T18:43:15Z'))).toMatch(/12月2日.*02:43/);
  });
});
