import { parseAim, type Scan } from '../../shared/scanner.js';

export type ScanSuffix = 'CR' | 'LF' | 'CRLF' | 'TAB';
const SUFFIX_BYTES: Record<ScanSuffix, number[]> = { CR: [0x0d], LF: [0x0a], CRLF: [0x0d, 0x0a], TAB: [0x09] };

export interface FramerOptions {
  suffix: ScanSuffix;
  /** A prefix the scanner was set to send before each code; removed when present. */
  prefix?: string;
  /** Whether the scanner sends an AIM id (`]Q1`) before the data. */
  aim: boolean;
}

/**
 * A serial (USB-COM) scanner's byte stream cut into scans at the configured suffix. Bytes are kept
 * until the suffix arrives, so a code split over several reads, or a multi-byte UTF-8 character split
 * between them, comes out whole: Chinese content stays intact, as it does not in keyboard-wedge mode.
 */
export function createSerialFramer(options: FramerOptions, onScan: (scan: Omit<Scan, 'source' | 'at'>) => void) {
  const suffix = SUFFIX_BYTES[options.suffix];
  let pending = Buffer.alloc(0);
  const decoder = new TextDecoder('utf-8');

  function endOf(buffer: Buffer, from: number): number {
    for (let i = from; i <= buffer.length - suffix.length; i++) {
      if (suffix.every((byte, k) => buffer[i + k] === byte)) return i;
    }
    return -1;
  }

  return {
    push(chunk: Buffer): void {
      pending = Buffer.concat([pending, chunk]);
      let start = 0;
      for (let end = endOf(pending, 0); end !== -1; end = endOf(pending, start)) {
        let text = decoder.decode(pending.subarray(start, end));
        start = end + suffix.length;
        if (options.prefix && text.startsWith(options.prefix)) text = text.slice(options.prefix.length);
        if (text.length === 0) continue;
        onScan(options.aim ? parseAim(text) : { symbology: 'unknown', text });
      }
      pending = pending.subarray(start);
    },
  };
}
