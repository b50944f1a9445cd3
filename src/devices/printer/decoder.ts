import iconv from 'iconv-lite';
import { DLE, ESC, FS, GS, LF } from './protocol.js';
import type { Align, LaidOut } from './layout.js';

export type EscPosEvent =
  { kind: 'item'; item: LaidOut } | { kind: 'status-request'; n: number } | { kind: 'reset' } | { kind: 'unknown'; bytes: Buffer };

const ALIGNS: Align[] = ['left', 'center', 'right'];

/**
 * A streaming ESC/POS decoder, the virtual printer's ears: it takes bytes in any chunking and yields
 * what a printer would do with them — lines of text in GB18030/GBK with their alignment, size and
 * weight, QR codes with their payload, barcodes, raster images, feeds and cuts — and the real-time
 * status requests (DLE EOT) it must answer at once. Commands it does not know are reported, not guessed.
 */
export class EscPosDecoder {
  private pending: Buffer = Buffer.alloc(0);
  private line: number[] = [];
  private align: Align = 'left';
  private width = 1;
  private height = 1;
  private bold = false;
  private chinese = false;
  private qrData = '';
  private qrModuleSize = 3;
  private barcodeHeight = 162;

  push(chunk: Uint8Array): EscPosEvent[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk);
    const events: EscPosEvent[] = [];
    let offset = 0;
    while (offset < this.pending.length) {
      const consumed = this.step(this.pending, offset, events);
      if (consumed === 0) break;
      offset += consumed;
    }
    this.pending = this.pending.subarray(offset);
    return events;
  }

  /** Decodes one command or byte at offset; returns how many bytes it took, or 0 when it needs more. */
  private step(buf: Buffer, at: number, events: EscPosEvent[]): number {
    const byte = buf[at]!;
    const need = (count: number) => at + count <= buf.length;
    if (byte === LF) {
      this.flushLine(events);
      return 1;
    }
    if (byte === DLE) {
      if (!need(3)) return 0;
      if (buf[at + 1] === 0x04) {
        events.push({ kind: 'status-request', n: buf[at + 2]! });
        return 3;
      }
      return this.unknown(buf, at, 2, events);
    }
    if (byte === ESC) {
      if (!need(2)) return 0;
      const command = buf[at + 1]!;
      if (command === 0x40) {
        this.flushLine(events);
        Object.assign(this, { align: 'left', width: 1, height: 1, bold: false, chinese: false });
        events.push({ kind: 'reset' });
        return 2;
      }
      if (!need(3)) return 0;
      const n = buf[at + 2]!;
      if (command === 0x61) this.align = ALIGNS[n % 48] ?? 'left';
      else if (command === 0x45) this.bold = (n & 1) === 1;
      else if (command === 0x64) {
        this.flushLine(events);
        events.push({ kind: 'item', item: { kind: 'feed', lines: n } });
      } else if (command === 0x33 || command === 0x4d || command === 0x74 || command === 0x21) {
        // line spacing, font, code table, print mode: no effect on what the transcript says
      } else return this.unknown(buf, at, 3, events);
      return 3;
    }
    if (byte === FS) {
      if (!need(2)) return 0;
      if (buf[at + 1] === 0x26) this.chinese = true;
      else if (buf[at + 1] === 0x2e) this.chinese = false;
      else return this.unknown(buf, at, 2, events);
      return 2;
    }
    if (byte === GS) return this.group(buf, at, events);
    this.line.push(byte);
    return 1;
  }

  private group(buf: Buffer, at: number, events: EscPosEvent[]): number {
    if (at + 2 > buf.length) return 0;
    const command = buf[at + 1]!;
    const need = (count: number) => at + count <= buf.length;
    switch (command) {
      case 0x21: {
        if (!need(3)) return 0;
        this.width = (buf[at + 2]! >> 4) + 1;
        this.height = (buf[at + 2]! & 0x0f) + 1;
        return 3;
      }
      case 0x68:
      case 0x48:
      case 0x77:
        if (!need(3)) return 0;
        if (command === 0x68) this.barcodeHeight = buf[at + 2]!;
        return 3;
      case 0x56: {
        if (!need(3)) return 0;
        const mode = buf[at + 2]!;
        const length = mode === 0x41 || mode === 0x42 ? 4 : 3;
        if (!need(length)) return 0;
        this.flushLine(events);
        events.push({ kind: 'item', item: { kind: 'cut' } });
        return length;
      }
      case 0x28: {
        if (!need(5)) return 0;
        const size = buf[at + 3]! | (buf[at + 4]! << 8);
        if (!need(5 + size)) return 0;
        if (buf[at + 2] === 0x6b) this.qr(buf.subarray(at + 5, at + 5 + size), events);
        return 5 + size;
      }
      case 0x76: {
        if (!need(8)) return 0;
        const bytesPerRow = buf[at + 4]! | (buf[at + 5]! << 8);
        const height = buf[at + 6]! | (buf[at + 7]! << 8);
        const total = 8 + bytesPerRow * height;
        if (!need(total)) return 0;
        this.flushLine(events);
        events.push({
          kind: 'item',
          item: { kind: 'image', width: bytesPerRow * 8, height, bits: Buffer.from(buf.subarray(at + 8, at + total)) },
        });
        return total;
      }
      case 0x6b: {
        if (!need(4)) return 0;
        const length = buf[at + 3]!;
        if (!need(4 + length)) return 0;
        const data = buf.toString('ascii', at + 4, at + 4 + length).replace(/^\{[ABC]/, '');
        this.flushLine(events);
        events.push({ kind: 'item', item: { kind: 'barcode', data, height: this.barcodeHeight } });
        return 4 + length;
      }
      default:
        return this.unknown(buf, at, 2, events);
    }
  }

  private qr(body: Buffer, events: EscPosEvent[]): void {
    const fn = body[1];
    if (fn === 0x43) this.qrModuleSize = body[2]!;
    else if (fn === 0x50) this.qrData = body.subarray(3).toString('utf8');
    else if (fn === 0x51 && this.qrData) {
      this.flushLine(events);
      events.push({ kind: 'item', item: { kind: 'qr', data: this.qrData, moduleSize: this.qrModuleSize, align: this.align } });
    }
  }

  private unknown(buf: Buffer, at: number, length: number, events: EscPosEvent[]): number {
    events.push({ kind: 'unknown', bytes: Buffer.from(buf.subarray(at, at + length)) });
    return length;
  }

  private flushLine(events: EscPosEvent[]): void {
    if (this.line.length === 0) return;
    const bytes = Buffer.from(this.line);
    this.line = [];
    events.push({
      kind: 'item',
      item: {
        kind: 'line',
        text: this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1'),
        align: this.align,
        width: this.width,
        height: this.height,
        bold: this.bold,
      },
    });
  }
}

/**
 * A line per thing the printer did, for golden tests and the virtual printer's transcript:
 * `[center 2x2 bold] A001`, `[qr 6] https://…`, `[cut]`. Empty lines keep their place.
 */
export function transcript(items: readonly LaidOut[]): string {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'line': {
          const style = [item.align, `${item.width}x${item.height}`, ...(item.bold ? ['bold'] : [])].join(' ');
          return `[${style}] ${item.text}`.trimEnd();
        }
        case 'qr':
          return `[qr ${item.moduleSize} ${item.align}] ${item.data}`;
        case 'barcode':
          return `[code128 h${item.height}] ${item.data}`;
        case 'image':
          return `[image ${item.width}x${item.height}]`;
        case 'feed':
          return `[feed ${item.lines}]`;
        case 'cut':
          return '[cut]';
      }
    })
    .join('\n');
}
