/**
 * A keyboard-wedge scanner types its code as keystrokes, a few milliseconds apart, usually ending with
 * Enter; people type tens to hundreds of milliseconds apart. The detector holds printable keys while
 * they come fast, then decides: a burst of at least `minChars` is a scan, anything else is typing,
 * handed back to be delivered where it was going (at most `maxGapMs` late, which nobody notices).
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan (scanners: 1–20 ms). */
  maxGapMs: number;
  /** Shortest code taken as a scan. */
  minChars: number;
  /** Sent by the scanner before each code, removed. */
  prefix?: string;
  /** The key that ends a scan; without one a scan ends with the first longer gap. */
  suffix: 'Enter' | 'Tab' | null;
}

export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 30, minChars: 4, suffix: 'Enter' };

export type WedgeOutput = { kind: 'scan'; text: string } | { kind: 'typed'; text: string };

export function createWedgeDetector(options: WedgeOptions, emit: (output: WedgeOutput) => void) {
  let held: { key: string; at: number }[] = [];

  function release(): void {
    if (held.length === 0) return;
    const text = held.map((stroke) => stroke.key).join('');
    const fast = held.every((stroke, i) => i === 0 || stroke.at - held[i - 1]!.at <= options.maxGapMs);
    held = [];
    if (fast && options.suffix === null && text.length >= options.minChars) emit({ kind: 'scan', text: stripPrefix(text) });
    else emit({ kind: 'typed', text });
  }

  const stripPrefix = (text: string) => (options.prefix && text.startsWith(options.prefix) ? text.slice(options.prefix.length) : text);

  return {
    /** One keydown; true when the detector keeps it (the caller stops it reaching the page). */
    key(key: string, at: number): boolean {
      const last = held.at(-1);
      if (last && at - last.at > options.maxGapMs) release();
      if (key === options.suffix && held.length >= options.minChars) {
        const text = held.map((stroke) => stroke.key).join('');
        held = [];
        emit({ kind: 'scan', text: stripPrefix(text) });
        return true;
      }
      if ([...key].length !== 1) {
        release();
        return false;
      }
      held.push({ key, at });
      return true;
    },
    /** Called on a timer: keys held longer than a scan's gap were typed by a person. */
    tick(at: number): void {
      const last = held.at(-1);
      if (last && at - last.at > options.maxGapMs) release();
    },
    get holding(): boolean {
      return held.length > 0;
    },
  };
}
