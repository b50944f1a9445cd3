import { describe, expect, it } from 'vitest';
import {
  brightnessFrame,
  clearFrame,
  createFrameDecoder,
  decodeText,
  showTextFrame,
  type DisplayFrame,
} from '../../../src/devices/window-display/protocol.js';

const hex = (bytes: Buffer) => bytes.toString('hex').replace(/(..)/g, '$1 ').trim();

function decodeAll(...chunks: Buffer[]): DisplayFrame[] {
  const frames: DisplayFrame[] = [];
  const decoder = createFrameDecoder((frame) => frames.push(frame));
  for (const chunk of chunks) decoder.push(chunk);
  return frames;
}

describe('the window display framing', () => {
  it('frames text in GB2312: STX, address, command, length, data, XOR, ETX', () => {
    // 暂停服务 in GB2312: D4DD CDA3 B7FE CEF1.
    expect(hex(showTextFrame(1, '暂停服务', 'gb2312'))).toBe('02 01 10 00 08 d4 dd cd a3 b7 fe ce f1 08 03');
    expect(hex(showTextFrame(3, 'A012', 'gb18030'))).toBe('02 03 10 00 04 41 30 31 32 65 03');
  });

  it('frames brightness and clear, and refuses what a strip cannot take', () => {
    expect(hex(brightnessFrame(1, 8))).toBe('02 01 20 00 01 08 28 03');
    expect(hex(clearFrame(0xff))).toBe('02 ff 30 00 00 cf 03');
    expect(() => brightnessFrame(1, 16)).toThrow(/0–15/);
    expect(() => showTextFrame(0, 'x', 'gb2312')).toThrow(/address/);
    expect(() => showTextFrame(1, '请\u0007', 'gb2312')).toThrow(/control characters/);
    expect(() => showTextFrame(1, '请 😀', 'gb2312')).toThrow(/GB2312/);
  });

  it('reads back what it wrote, in any pieces, past noise and a corrupt frame', () => {
    const text = showTextFrame(1, '请 A012 号 到 5 号窗口', 'gb18030');
    const corrupt = Buffer.from(clearFrame(1));
    corrupt[corrupt.length - 2] = corrupt[corrupt.length - 2]! ^ 0xff;
    const stream = Buffer.concat([Buffer.from([0x55, 0x00]), corrupt, text, brightnessFrame(1, 3)]);
    const frames = decodeAll(...Array.from({ length: stream.length }, (_, index) => stream.subarray(index, index + 1)));
    expect(frames.map((frame) => frame.command)).toEqual(['showText', 'brightness']);
    expect(decodeText(frames[0]!.data, 'gb18030')).toBe('请 A012 号 到 5 号窗口');
    expect(frames[1]!.data[0]).toBe(3);
  });
});
