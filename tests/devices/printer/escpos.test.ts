import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EscPosDecoder, transcript, type EscPosEvent } from '../../../src/devices/printer/decoder.js';
import { printDocument } from '../../../src/devices/printer/document.js';
import { encodeEscPos, encodeText, nativeQr } from '../../../src/devices/printer/protocol.js';
import type { LaidOut } from '../../../src/devices/printer/layout.js';
import { printerProfile } from '../../../src/devices/printer/profiles.js';
import { renderTemplate } from '../../../src/devices/printer/templates.js';
import { PRINT_TEMPLATES, type PrintTemplateName } from '../../../src/shared/print-templates.js';
import { SAMPLE_DATA } from './sample-data.js';

const items = (events: EscPosEvent[]) => events.flatMap((event) => (event.kind === 'item' ? [event.item] : [])) as LaidOut[];
const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('ESC/POS bytes', () => {
  const doc = printDocument([{ kind: 'text', text: '受理' }, { kind: 'cut' }]);

  it('resets, turns Chinese mode on for the job and off at its end', () => {
    const bytes = encodeEscPos(doc, printerProfile('80mm-gb18030'));
    expect(bytes.subarray(0, 4)).toEqual(hex('1B 40 1C 26'));
    expect(bytes.subarray(-2)).toEqual(hex('1C 2E'));
    expect(bytes.includes(Buffer.concat([encodeText('受理', 'gb18030'), Buffer.from([0x0a])]))).toBe(true);
  });

  it('encodes GBK and GB18030 as each printer expects, with ￥ for ¥ on GBK', () => {
    expect(encodeText('受理', 'gbk')).toEqual(hex('CA DC C0 ED'));
    expect(encodeText('¥100', 'gbk')).toEqual(hex('A3 A4 31 30 30'));
    expect(encodeText('¥', 'gb18030')).toEqual(hex('81 30 84 36'));
    expect(encodeText('𠮷', 'gb18030')).toHaveLength(4);
    expect(encodeText('𠮷', 'gbk').toString('latin1')).toBe('?');
  });

  it('prints QR natively with GS ( k: model 2, module size, level M, UTF-8 data, print', () => {
    expect(nativeQr('号A1', 6)).toEqual(
      Buffer.concat([
        hex('1D 28 6B 04 00 31 41 32 00'),
        hex('1D 28 6B 03 00 31 43 06'),
        hex('1D 28 6B 03 00 31 45 31'),
        hex('1D 28 6B 08 00 31 50 30'),
        Buffer.from('号A1', 'utf8'),
        hex('1D 28 6B 03 00 31 51 30'),
      ]),
    );
  });

  it('falls back to a raster image (GS v 0) for printers without native QR', () => {
    const qr = printDocument([{ kind: 'qr', data: 'https://example.gov.cn/q/A001' }]);
    const image = encodeEscPos(qr, printerProfile('58mm-gbk', { qr: 'image' }));
    expect(image.includes(hex('1D 28 6B'))).toBe(false);
    const decoded = items(new EscPosDecoder().push(image));
    expect(decoded[0]).toMatchObject({ kind: 'image' });
    expect((decoded[0] as { width: number }).width).toBeLessThanOrEqual(384);
  });

  it('cuts with GS V, or feeds where the profile has no cutter', () => {
    expect(encodeEscPos(doc, printerProfile('80mm-gbk')).includes(hex('1D 56 42 03'))).toBe(true);
    const noCut = encodeEscPos(doc, printerProfile('80mm-gbk', { cut: false }));
    expect(noCut.includes(hex('1D 56'))).toBe(false);
    expect(noCut.includes(hex('1B 64 04'))).toBe(true);
  });

  it('sizes, aligns and emboldens only when the style changes', () => {
    const bytes = encodeEscPos(
      printDocument([
        { kind: 'text', text: 'A001', align: 'center', width: 4, height: 4, bold: true },
        { kind: 'text', text: 'B', align: 'center', width: 4, height: 4, bold: true },
      ]),
      printerProfile('80mm-gb18030'),
    );
    expect(bytes.includes(hex('1B 61 01 1D 21 33 1B 45 01'))).toBe(true);
    expect(bytes.indexOf(hex('1D 21 33'))).toBe(bytes.lastIndexOf(hex('1D 21 33')));
  });

  it('decodes what it encodes, in any chunking', () => {
    const doc2 = renderTemplate('acceptance-receipt', SAMPLE_DATA['acceptance-receipt']);
    const bytes = encodeEscPos(doc2, printerProfile('80mm-gbk'));
    const whole = transcript(items(new EscPosDecoder().push(bytes)));
    const decoder = new EscPosDecoder();
    const pieces: LaidOut[] = [];
    for (let offset = 0; offset < bytes.length; offset += 7) pieces.push(...items(decoder.push(bytes.subarray(offset, offset + 7))));
    expect(transcript(pieces)).toBe(whole);
  });

  it('reports status requests and unknown commands instead of printing them', () => {
    const events = new EscPosDecoder().push(hex('10 04 01 10 04 04 1B 7A 00 41 0A'));
    expect(events.slice(0, 2)).toEqual([
      { kind: 'status-request', n: 1 },
      { kind: 'status-request', n: 4 },
    ]);
    expect(events.some((event) => event.kind === 'unknown')).toBe(true);
  });
});

describe('templates, golden transcripts', () => {
  it.each(Object.keys(PRINT_TEMPLATES) as PrintTemplateName[])('%s prints as its golden transcript on 80 mm and 58 mm', (name) => {
    for (const profileName of ['80mm-gb18030', '58mm-gbk'] as const) {
      const bytes = encodeEscPos(renderTemplate(name, SAMPLE_DATA[name]), printerProfile(profileName));
      const text = `${transcript(items(new EscPosDecoder().push(bytes)))}\n`;
      const golden = `tests/devices/printer/golden/${name}.${profileName}.txt`;
      if (!existsSync(golden) && process.env.UPDATE_GOLDEN) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it('masks the applicant on every slip', () => {
    for (const name of ['acceptance-receipt', 'pickup-slip'] as const) {
      const text = transcript(
        items(new EscPosDecoder().push(encodeEscPos(renderTemplate(name, SAMPLE_DATA[name]), printerProfile('80mm-gb18030')))),
      );
      expect(text).toContain('430602********1231');
      expect(text).not.toContain('430602199003071231');
      expect(text).toContain('张*试');
    }
  });

  it('refuses bad data with the field that is wrong', () => {
    expect(() => renderTemplate('queue-ticket', { ...(SAMPLE_DATA['queue-ticket'] as object), waitingAhead: -1 })).toThrow(/waitingAhead/);
  });

  it('keeps a queue ticket with a native QR small', () => {
    const bytes = encodeEscPos(renderTemplate('queue-ticket', SAMPLE_DATA['queue-ticket']), printerProfile('80mm-gb18030'));
    expect(bytes.length).toBeLessThanOrEqual(1536);
  });
});
