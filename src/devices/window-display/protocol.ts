import iconv from 'iconv-lite';

/**
 * Our framing for a counter's LED strip (窗口屏), on a serial line:
 *
 *   STX 0x02 | address | command | length (2 bytes, big-endian) | data | XOR of address…data | ETX 0x03
 *
 * address: the strip's number on an RS-485 line (1–254; 0xFF all of them). Commands: 0x10 show text (data:
 * the text in GB2312 or GB18030, lines separated by LF), 0x20 brightness (data: one byte, 0–15), 0x30 clear
 * (no data). Vendors' controllers each speak their own protocol; this one is ours (README.md).
 */
export const STX = 0x02;
export const ETX = 0x03;
export const BROADCAST = 0xff;
export const MAX_BRIGHTNESS = 15;
const MAX_DATA = 0xffff;

export const COMMANDS = { showText: 0x10, brightness: 0x20, clear: 0x30 } as const;
export type DisplayCommand = keyof typeof COMMANDS;
export type DisplayEncoding = 'gb2312' | 'gb18030';

export interface DisplayFrame {
  address: number;
  command: DisplayCommand;
  data: Buffer;
}

const COMMAND_OF = new Map<number, DisplayCommand>(Object.entries(COMMANDS).map(([name, code]) => [code, name as DisplayCommand]));

const xor = (bytes: Uint8Array) => bytes.reduce((sum, byte) => sum ^ byte, 0);

export function encodeFrame(frame: DisplayFrame): Buffer {
  if (!Number.isInteger(frame.address) || frame.address < 1 || frame.address > BROADCAST) {
    throw new Error(`窗口屏地址应为 1–255 / a window display's address is 1–255, not ${frame.address}`);
  }
  if (frame.data.length > MAX_DATA) throw new Error(`窗口屏一帧最多 ${MAX_DATA} 字节 / a frame holds at most ${MAX_DATA} bytes`);
  const body = Buffer.concat([
    Buffer.from([frame.address, COMMANDS[frame.command], frame.data.length >> 8, frame.data.length & 0xff]),
    frame.data,
  ]);
  return Buffer.concat([Buffer.from([STX]), body, Buffer.from([xor(body), ETX])]);
}

/** The text as the strip's bytes; a character the encoding lacks is refused, never shown as "?". */
export function encodeText(text: string, encoding: DisplayEncoding): Buffer {
  if ([...text].some((char) => char !== '\n' && (char < ' ' || char === '\u007f')))
    throw new Error('窗口屏文字不能含控制字符 / the text may not hold control characters');
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) {
    throw new Error(
      `窗口屏文字含 ${encoding.toUpperCase()} 之外的字符：${text} / the text holds characters ${encoding.toUpperCase()} lacks`,
    );
  }
  return bytes;
}

export const showTextFrame = (address: number, text: string, encoding: DisplayEncoding) =>
  encodeFrame({ address, command: 'showText', data: encodeText(text, encoding) });

export function brightnessFrame(address: number, level: number): Buffer {
  if (!Number.isInteger(level) || level < 0 || level > MAX_BRIGHTNESS)
    throw new Error(`亮度应为 0–${MAX_BRIGHTNESS} / brightness is 0–${MAX_BRIGHTNESS}, not ${level}`);
  return encodeFrame({ address, command: 'brightness', data: Buffer.from([level]) });
}

export const clearFrame = (address: number) => encodeFrame({ address, command: 'clear', data: Buffer.alloc(0) });

/**
 * Cuts a byte stream into frames, as a strip's controller reads them: bytes before an STX are skipped, a
 * frame with a wrong checksum, end byte or command is dropped and the search starts again after its STX.
 */
export function createFrameDecoder(onFrame: (frame: DisplayFrame) => void) {
  let pending = Buffer.alloc(0);
  return {
    push(chunk: Uint8Array): void {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const start = pending.indexOf(STX);
        if (start === -1) {
          pending = Buffer.alloc(0);
          return;
        }
        pending = pending.subarray(start);
        if (pending.length < 5) return;
        const length = pending.readUInt16BE(3);
        const etxAt = 5 + length + 1;
        if (pending.length < etxAt + 1) return;
        const body = pending.subarray(1, 5 + length);
        const command = COMMAND_OF.get(pending[2]!);
        if (pending[etxAt] !== ETX || pending[etxAt - 1] !== xor(body) || !command) {
          pending = pending.subarray(1);
          continue;
        }
        onFrame({ address: pending[1]!, command, data: Buffer.from(pending.subarray(5, 5 + length)) });
        pending = pending.subarray(etxAt + 1);
      }
    },
  };
}

export const decodeText = (data: Buffer, encoding: DisplayEncoding) => iconv.decode(data, encoding);
