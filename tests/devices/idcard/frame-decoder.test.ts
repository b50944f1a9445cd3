import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamFrameDecoder, type DecodeEvent } from '../../../src/devices/idcard/frame-decoder.js';
import { encodeFrame, encodeReply, xor } from '../../../src/devices/idcard/protocol.js';

const frames = (events: DecodeEvent[]) => events.flatMap((event) => (event.kind === 'frame' ? [event.body] : []));

function decodeInChunks(bytes: Buffer, cuts: number[]): DecodeEvent[] {
  const decoder = new SamFrameDecoder();
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const events: DecodeEvent[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    events.push(...decoder.push(bytes.subarray(last, point)));
    last = point;
  }
  return events;
}

const bodyArb = fc.uint8Array({ minLength: 2, maxLength: 300 });

describe('SAM frame decoder', () => {
  it('decodes a reply delivered one byte at a time', () => {
    const reply = encodeReply(0x9f, Buffer.from([1, 2, 3, 4]));
    const decoder = new SamFrameDecoder();
    const events = [...reply].flatMap((byte) => decoder.push(Uint8Array.of(byte)));
    expect(frames(events)).toEqual([Buffer.from([0, 0, 0x9f, 1, 2, 3, 4])]);
  });

  it('resynchronises after garbage, including a false preamble start', () => {
    const reply = encodeReply(0x90);
    const events = new SamFrameDecoder().push(Buffer.concat([Buffer.from([0x13, 0xaa, 0xaa, 0x00, 0xaa, 0xaa, 0xaa, 0x96]), reply]));
    expect(frames(events)).toEqual([Buffer.from([0, 0, 0x90])]);
    expect(events.some((event) => event.kind === 'garbage')).toBe(true);
  });

  it('reports a checksum error and still finds the next good frame', () => {
    const bad = encodeReply(0x90);
    bad[bad.length - 1] = bad.at(-1)! ^ 1;
    const events = new SamFrameDecoder().push(Buffer.concat([bad, encodeReply(0x80)]));
    expect(events.filter((event) => event.kind === 'checksum')).toHaveLength(1);
    expect(frames(events)).toEqual([Buffer.from([0, 0, 0x80])]);
  });

  it('reports an impossible length and resynchronises', () => {
    const events = new SamFrameDecoder().push(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff]), encodeReply(0x90)]));
    expect(events.some((event) => event.kind === 'length')).toBe(true);
    expect(frames(events)).toHaveLength(1);
  });

  it('property: arbitrary bytes in arbitrary chunks never throw and never yield a frame with a wrong checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 20 }), (bytes, cuts) => {
        for (const body of frames(decodeInChunks(Buffer.from(bytes), cuts))) {
          // A yielded body re-encodes to a frame that is a substring of the input with a valid checksum.
          const frame = encodeFrame(body);
          expect(xor(frame, 5, frame.length - 1)).toBe(frame.at(-1));
          expect(Buffer.from(bytes).indexOf(frame)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: valid frames survive any chunking and garbage between them', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            bodyArb,
            fc.uint8Array({ maxLength: 30 }).map((g) => g.map((b) => (b === 0xaa ? 0x55 : b))),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.nat(), { maxLength: 30 }),
        (items, cuts) => {
          const stream = Buffer.concat(items.flatMap(([body, garbage]) => [Buffer.from(garbage), encodeFrame(body)]));
          expect(frames(decodeInChunks(stream, cuts))).toEqual(items.map(([body]) => Buffer.from(body)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
