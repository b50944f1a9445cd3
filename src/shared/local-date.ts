/**
 * Tickets are numbered per local service day, and a hall's day follows its own time zone, not the
 * machine's: a server in UTC must still roll A001 over at midnight in Beijing.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Intl formatters are costly to build: one per time zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Zones change their offset only on a quarter hour: one `formatToParts` per zone and quarter, not per instant. */
const OFFSET_SPAN_MS = 15 * 60_000;
const offsets = new Map<string, { span: number; offsetMs: number }>();

/** How far the zone's clock is ahead of UTC at the instant, from Intl once per quarter hour (it is costly: a hall asks it on every change). */
function offsetOf(instant: Date, timeZone: string): number {
  const span = Math.floor(instant.getTime() / OFFSET_SPAN_MS);
  const known = offsets.get(timeZone);
  if (known?.span === span) return known.offsetMs;
  const start = new Date(span * OFFSET_SPAN_MS);
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(start)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const offsetMs = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second) - start.getTime();
  offsets.set(timeZone, { span, offsetMs });
  return offsetMs;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The day `days` after `YYYY-MM-DD` (before it, when negative), as `YYYY-MM-DD`: calendar days, whatever the time zone. */
export const dayAfter = (day: string, days = 1): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The instant a local day begins in the time zone: what a range of local days is queried from. */
export function localMidnight(day: string, timeZone: string): Date {
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  // The offset at the guess, then at the instant it gives: right on either side of a change of offset.
  const guess = asUtc - offsetOf(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetOf(new Date(guess), timeZone));
}

function partsOf(instant: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const local = new Date(instant.getTime() + offsetOf(instant, timeZone));
  return {
    year: pad(local.getUTCFullYear(), 4),
    month: pad(local.getUTCMonth() + 1),
    day: pad(local.getUTCDate()),
    hour: pad(local.getUTCHours()),
    minute: pad(local.getUTCMinutes()),
    second: pad(local.getUTCSeconds()),
  };
}

/** `YYYY-MM-DD HH:mm` in the given time zone, as printed on tickets and receipts. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * Any instant a screen shows, ISO text from the wire or a Date, as people read it: `YYYY-MM-DD HH:mm`
 * in the hall's time zone, never UTC and never the ISO form. Every screen uses this one.
 */
export function localDateTimeText(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return Number.isNaN(date.getTime()) ? '—' : localDateTime(date, timeZone);
}

/** `HH:mm` of any instant a screen shows, in the hall's time zone; `—` for a time it cannot read. */
export function localTimeText(instant: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const text = localDateTimeText(instant, timeZone);
  return text === '—' ? text : text.slice(11);
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** The header clock: `12月1日周二 18:43` in the hall's time zone. */
export function clockText(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      month: 'long',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/** GB/T 39046's `YYYYMMDDThhmmss`, the date-time of case records on the wire, in the hall's time zone. */
export function wireDateTime(instant: Date, timeZone: string): string {
  const parts = partsOf(instant, timeZone);
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}

/** A wire date-time as people read it: `20261128T101500` → `2026-11-28 10:15` (it is already local). */
export function wireDateTimeText(wire: string): string {
  return `${wire.slice(0, 4)}-${wire.slice(4, 6)}-${wire.slice(6, 8)} ${wire.slice(9, 11)}:${wire.slice(11, 13)}`;
}

/** A wire date as people read it: `20261209` → `2026-12-09`; anything else as it came. */
export function wireDateText(wire: string): string {
  return /^\d{8}$/.test(wire) ? `${wire.slice(0, 4)}-${wire.slice(4, 6)}-${wire.slice(6, 8)}` : wire;
}

/**
 * `n` working days (Monday to Friday) after the day `YYYY-MM-DD`, as `YYYYMMDD`: the promised date of
 * a 承诺件. Public holidays are the city platform's to know; the receipt's date is the terminal's estimate.
 */
export function addWorkingDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return date.toISOString().slice(0, 10).replaceAll('-', '');
}

/** `YYYY-MM-DD` of the instant in the given IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return localDateTime(instant, timeZone).slice(0, 10);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `HH:MM` of the instant in the given time zone, to compare with a queue's ticketing hours. */
export function localTimeOfDay(instant: Date, timeZone: string): string {
  return localDateTime(instant, timeZone).slice(11);
}

/** Whole years between a `YYYY-MM-DD` birth date and a `YYYY-MM-DD` day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
