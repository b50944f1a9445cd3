import { aimPrefix, parseAim, type Scan } from '../../shared/scanner.js';

/** The two ways a scanner sends a code: a serial byte stream cut at a suffix, and HID POS reports. */

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

/**
 * HID POS scanner reports (usage page 0x8C), as the common scanners send them: report ID 2, then the
 * length of this report's data, up to 56 data bytes, the 3-byte AIM symbology id, two reserved bytes
 * and a flag whose bit 0 says more data follows in the next report. A long code spans several reports.
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_REPORT_ID = 0x02;
const REPORT_BYTES = 64;
const DATA_BYTES = 56;
const AIM_AT = 2 + DATA_BYTES;
const FLAG_AT = REPORT_BYTES - 1;

/** Reassembles a code from its reports; bytes are joined before decoding, so UTF-8 split across reports survives. */
export function createHidPosAssembler(onScan: (scan: Omit<Scan, 'source' | 'at'>) => void) {
  let parts: Buffer[] = [];
  return {
    push(report: Buffer): void {
      if (report[0] !== HID_POS_REPORT_ID || report.length < REPORT_BYTES) return;
      const length = Math.min(report[1]!, DATA_BYTES);
      parts.push(report.subarray(2, 2 + length));
      if ((report[FLAG_AT]! & 0x01) === 1) return;
      const aim = report.subarray(AIM_AT, AIM_AT + 3).toString('latin1');
      const text = new TextDecoder('utf-8').decode(Buffer.concat(parts));
      parts = [];
      onScan(aim.startsWith(']') ? parseAim(aim + text) : { symbology: 'unknown', text });
    },
  };
}

/** The reports a HID POS scanner sends for one code: the simulator's half of the protocol. */
export function hidPosReports(text: string, symbology: Scan['symbology']): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const reports: Buffer[] = [];
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += DATA_BYTES) {
    const chunk = bytes.subarray(offset, offset + DATA_BYTES);
    const report = Buffer.alloc(REPORT_BYTES);
    report[0] = HID_POS_REPORT_ID;
    report[1] = chunk.length;
    chunk.copy(report, 2);
    Buffer.from(aimPrefix(symbology).padEnd(3, '\0'), 'latin1').copy(report, AIM_AT);
    report[FLAG_AT] = offset + DATA_BYTES < bytes.length ? 1 : 0;
    reports.push(report);
  }
  return reports;
}
