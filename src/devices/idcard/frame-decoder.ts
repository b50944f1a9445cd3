import { MAX_LEN, PREAMBLE, xor } from './protocol.js';

export type DecodeEvent =
  | { kind: 'frame'; body: Buffer }
  | { kind: 'garbage'; bytes: number }
  | { kind: 'checksum'; expected: number; actual: number }
  | { kind: 'length'; len: number };

/**
 * A streaming decoder that takes bytes in any chunking: it finds the preamble, checks LEN and CHK,
 * and resynchronises after garbage or a corrupt frame by searching again one byte further on. It
 * never throws and never yields a frame whose checksum is wrong. A frame is yielded as its body, the
 * bytes between LEN and CHK: SW1 SW2 SW3 DATA in a reply, CMD PARA DATA in a request.
 */
export class SamFrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Uint8Array): DecodeEvent[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : Buffer.from(chunk);
    const events: DecodeEvent[] = [];
    for (;;) {
      const start = this.buffer.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        const keep = Math.min(this.buffer.length, PREAMBLE.length - 1);
        const dropped = this.buffer.length - keep;
        if (dropped > 0) events.push({ kind: 'garbage', bytes: dropped });
        this.buffer = this.buffer.subarray(this.buffer.length - keep);
        return events;
      }
      if (start > 0) {
        events.push({ kind: 'garbage', bytes: start });
        this.buffer = this.buffer.subarray(start);
      }
      if (this.buffer.length < PREAMBLE.length + 2) return events;
      const len = this.buffer.readUInt16BE(PREAMBLE.length);
      // The shortest frame is a request: CMD PARA CHK.
      if (len < 3 || len > MAX_LEN) {
        events.push({ kind: 'length', len });
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      const total = PREAMBLE.length + 2 + len;
      if (this.buffer.length < total) return events;
      const expected = xor(this.buffer, PREAMBLE.length, total - 1);
      const actual = this.buffer[total - 1]!;
      if (expected !== actual) {
        events.push({ kind: 'checksum', expected, actual });
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      events.push({ kind: 'frame', body: Buffer.from(this.buffer.subarray(PREAMBLE.length + 2, total - 1)) });
      this.buffer = this.buffer.subarray(total);
    }
  }

  /** Drops whatever partial frame is buffered, before a new command. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}
