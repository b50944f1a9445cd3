import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, transcript } from '../../../src/devices/printer/decoder.js';
import { encodeEscPos } from '../../../src/devices/printer/protocol.js';
import type { LaidOut } from '../../../src/devices/printer/layout.js';
import { previewPng } from '../../../src/devices/printer/preview.js';
import { printerProfile } from '../../../src/devices/printer/profiles.js';
import { renderTemplate } from '../../../src/devices/printer/templates.js';
import { decodeQr } from '../../helpers/decode-qr.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { SAMPLE_DATA } from './sample-data.js';

const tempDir = useTempDir();
const SAMPLE = SAMPLE_DATA['queue-ticket'] as Record<string, unknown>;

function printed(data: Record<string, unknown>, qr: 'native' | 'image' = 'native'): LaidOut[] {
  const bytes = encodeEscPos(renderTemplate('queue-ticket', { ...SAMPLE, ...data }), printerProfile('80mm-gb18030', { qr }));
  return new EscPosDecoder().push(bytes).flatMap((event) => (event.kind === 'item' ? [event.item as LaidOut] : []));
}

describe('the queue ticket', () => {
  it('states the recall and no-show rules the hall is configured with, not fixed ones', () => {
    const strict = transcript(printed({ rules: { maxRecalls: 0, noShowReturnMinutes: 0 } }));
    expect(strict).toContain('叫号未到即为过号');
    expect(strict).toContain('过号需重新取号');
    const lenient = transcript(printed({ rules: { maxRecalls: 5, noShowReturnMinutes: 45 } }));
    expect(lenient).toContain('最多重呼 5 次');
    expect(lenient).toContain('过号后 45 分钟内');
    expect(lenient).not.toContain('过号需重新取号');
  });

  it("prints the link to the ticket's page as a QR a phone reads, and promises no scan when there is no link", async () => {
    const url = SAMPLE.statusUrl as string;
    for (const qr of ['native', 'image'] as const) {
      const file = join(tempDir(), `ticket-${qr}.png`);
      writeFileSync(file, await previewPng(printed({}, qr), 576));
      expect(decodeQr(file)).toBe(url);
    }
    const unlinked = transcript(printed({ statusUrl: null }));
    expect(unlinked).not.toContain('[qr');
    expect(unlinked).not.toContain('扫码');
  });
});
