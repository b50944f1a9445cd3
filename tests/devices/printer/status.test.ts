import { describe, expect, it } from 'vitest';
import { parseStatus, statusBytes, READY, describeStatus } from '../../../src/devices/printer/status.js';

describe('printer status', () => {
  it('parses DLE EOT replies and words them', () => {
    expect(parseStatus([0x12, 0x12, 0x12, 0x12])).toEqual(READY);
    expect(parseStatus([0x1a, 0x32, 0x12, 0x72])).toMatchObject({ online: false, paperEnd: true });
    expect(parseStatus([0x1a, 0x16, 0x12, 0x12])).toMatchObject({ coverOpen: true });
    expect(parseStatus([0x12, 0x12, 0x12, 0x1e])).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(parseStatus([0x12, 0x12, 0x1a, 0x12]).error).toBe(true);
    const paperEnd = { ...READY, online: false, paperEnd: true };
    expect(parseStatus(statusBytes(paperEnd))).toEqual(paperEnd);
    expect(describeStatus(paperEnd).zh).toContain('缺纸');
  });
});
