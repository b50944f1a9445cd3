import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../src/devices/idcard/errors.js';
import {
  BAUD_COMMANDS,
  COMMANDS,
  encodeFrame,
  encodeReply,
  encodeRequest,
  formatSamId,
  SW3_STATUS,
  type CommandName,
} from '../../../src/devices/idcard/protocol.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('SAM protocol frames (vectors from the spec)', () => {
  it.each([
    ['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
    ['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
    ['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
    ['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
    ['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
    ['readTextPhoto', 'AA AA AA 96 69 00 03 30 01 32'],
    ['readAdditionalAddress', 'AA AA AA 96 69 00 03 30 03 30'],
    ['readTextPhotoFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
  ] as [CommandName, string][])('encodes %s', (command, frame) => {
    expect(encodeRequest(command)).toEqual(hex(frame));
  });

  it('encodes the baud-rate commands', () => {
    const frames = [115200, 57600, 38400, 19200, 9600].map((baud) =>
      encodeFrame(Buffer.from([0x60, BAUD_COMMANDS[baud]!])).toString('hex'),
    );
    expect(frames).toEqual([
      'aaaaaa96690003600063',
      'aaaaaa96690003600162',
      'aaaaaa96690003600261',
      'aaaaaa96690003600360',
      'aaaaaa96690003600467',
    ]);
  });

  it('encodes the max RF frame command and the replies of the spec', () => {
    expect(encodeFrame(Buffer.from([0x61, 0xff, 0x50]))).toEqual(hex('AA AA AA 96 69 00 04 61 FF 50 CA'));
    expect(encodeReply(0x9f, Buffer.alloc(4))).toEqual(hex('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'));
    expect(encodeReply(0x90, Buffer.alloc(8))).toEqual(hex('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'));
    for (const [sw3, chk] of [
      [0x90, 0x94],
      [0x80, 0x84],
      [0x81, 0x85],
      [0x41, 0x45],
      [0x91, 0x95],
    ]) {
      expect(encodeReply(sw3!)).toEqual(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, sw3!, chk!]));
    }
  });

  it('makes the read reply 1295 bytes with LEN 05 08, and 2321 with a 1024-byte fingerprint', () => {
    const read = encodeReply(0x90, Buffer.alloc(4 + 256 + 1024));
    expect(read.length).toBe(1295);
    expect(read.subarray(5, 7)).toEqual(hex('05 08'));
    const withFingerprint = encodeReply(0x90, Buffer.alloc(6 + 256 + 1024 + 1024));
    expect(withFingerprint.length).toBe(2321);
    expect(withFingerprint.subarray(5, 7)).toEqual(hex('09 0A'));
  });

  it('covers every command of the spec', () => {
    expect(Object.keys(COMMANDS)).toHaveLength(8);
  });

  it('gives every SW3 code of the spec a Chinese and an English message', () => {
    const codes = [0x90, 0x9f, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81];
    for (const code of codes) {
      const error = IdCardError.fromStatus(code, 'read card');
      expect(SW3_STATUS[code], code.toString(16)).toBeDefined();
      expect(error.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(error.en).toMatch(/[a-z]/);
      expect(error.sw3).toBe(code);
    }
    expect(IdCardError.fromStatus(0x77, 'x').message).toContain('0x77');
  });

  it('formats the SAM ID as unsigned little-endian numbers', () => {
    const data = Buffer.alloc(16);
    data.writeUInt16LE(5, 0);
    data.writeUInt16LE(1, 2);
    data.writeUInt32LE(20101215, 4);
    data.writeUInt32LE(12345678, 8);
    data.writeUInt32LE(0xffffffff, 12);
    expect(formatSamId(data)).toBe('05.01-20101215-0012345678-4294967295');
  });
});
