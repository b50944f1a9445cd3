import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCard, encodeCardText, splitReadReply, TEXT_BYTES } from '../../../src/devices/idcard/card-text.js';
import { placeholderWlt, SimulatorCardSchema } from '../../../src/devices/idcard/simulator.js';
import type { IdCard } from '../../../src/shared/idcard.js';

const CARDS = 'resources/idcard/cards';
const sampleCards = readdirSync(CARDS)
  .filter((file) => file.endsWith('.json'))
  .map((file) => [file, SimulatorCardSchema.parse(JSON.parse(readFileSync(join(CARDS, file), 'utf8')))] as const);

/** Writes a field at a spec offset by hand, independently of encodeCardText. */
function textWith(fields: [offset: number, value: string][]): Buffer {
  const text = Buffer.from(' '.repeat(TEXT_BYTES / 2), 'utf16le');
  for (const [offset, value] of fields) Buffer.from(value, 'utf16le').copy(text, offset);
  return text;
}

const photo = placeholderWlt();

describe('card text decoding', () => {
  it('decodes a resident card written at the spec offsets', () => {
    const text = textWith([
      [0, '张测试'],
      [30, '1'],
      [32, '15'],
      [36, '19900307'],
      [52, '湖南省岳阳市岳阳楼区示例路1号'],
      [122, '430602199003071231'],
      [158, '岳阳市公安局岳阳楼分局'],
      [188, '20160501'],
      [204, '长期'],
    ]);
    expect(decodeCard({ text, photo })).toEqual({
      type: 'resident',
      name: '张测试',
      sex: '男',
      sexCode: '1',
      nation: '土家',
      nationCode: '15',
      birthDate: '1990-03-07',
      address: '湖南省岳阳市岳阳楼区示例路1号',
      idNumber: '430602199003071231',
      issuer: '岳阳市公安局岳阳楼分局',
      validFrom: '2016-05-01',
      validTo: '长期',
      photo: { wlt: photo.toString('base64'), bmp: null },
    });
  });

  it('decodes a 2017 foreigner card, keeping the spaces inside the English name', () => {
    const text = textWith([
      [0, 'SMITH, JOHN  PAUL'],
      [120, '1'],
      [122, 'USA310085061512'],
      [152, 'USA'],
      [158, '史密斯'],
      [188, '20180301'],
      [204, '20280301'],
      [220, '19850615'],
      [236, '01'],
      [240, '1500'],
      [248, 'I'],
    ]);
    expect(decodeCard({ text, photo })).toMatchObject({
      type: 'foreigner',
      name: '史密斯',
      englishName: 'SMITH, JOHN  PAUL',
      chineseName: '史密斯',
      sex: '男',
      birthDate: '1985-06-15',
      nationality: 'USA',
      permitNumber: 'USA310085061512',
      idNumber: 'USA310085061512',
      validFrom: '2018-03-01',
      validTo: '2028-03-01',
      cardVersion: '01',
      issuerCode: '1500',
    });
  });

  it('decodes a 2023 foreigner card whose English name runs over into its second part', () => {
    const english = 'SMITH-WESSON, JOHN PAUL ALEXANDER MAXIMILIAN';
    const text = textWith([
      [0, '史密斯'],
      [30, '1'],
      [32, '00'],
      [36, '19850615'],
      [52, english.slice(0, 35)],
      [122, '931840198506150023'],
      [188, '20231201'],
      [204, '20331201'],
      [220, english.slice(35)],
      [242, 'USA'],
      [248, 'Y'],
    ]);
    expect(decodeCard({ text, photo })).toMatchObject({
      type: 'foreigner2023',
      englishName: english,
      idNumber: '931840198506150023',
      nationality: 'USA',
      renewalCount: '00',
    });
  });

  it('decodes a Hong Kong/Macao/Taiwan residence permit', () => {
    const text = textWith([
      [0, '陈示例'],
      [30, '2'],
      [36, '19920815'],
      [52, '广东省深圳市福田区示例大道88号'],
      [122, '810000199208150043'],
      [158, '深圳市公安局福田分局'],
      [188, '20210701'],
      [204, '20260701'],
      [220, 'H12345678'],
      [238, '01'],
      [248, 'J'],
    ]);
    expect(decodeCard({ text, photo })).toMatchObject({
      type: 'hkmotw',
      name: '陈示例',
      sex: '女',
      passNumber: 'H12345678',
      issueCount: '01',
    });
  });

  it('splits 30 01 and 30 10 replies by their lengths and keeps the fingerprint uninterpreted', () => {
    const text = encodeCardText(sampleCards[0]![1]);
    const fingerprint = Buffer.alloc(1024, 7);
    const header = Buffer.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00]);
    const blocks = splitReadReply(Buffer.concat([header, text, photo, fingerprint]), true);
    expect(decodeCard(blocks).fingerprint).toBe(fingerprint.toString('base64'));
    expect(() => splitReadReply(Buffer.concat([header.subarray(0, 4), text]), false)).toThrow(/lengths say/);
  });

  it.each(sampleCards)('round-trips the sample card %s', (_file, card) => {
    expect(decodeCard({ text: encodeCardText(card), photo: Buffer.from(card.photo.wlt, 'base64') })).toEqual(card);
  });

  it('refuses to encode a value that does not fit its field', () => {
    const card = { ...sampleCards.find(([, c]) => c.type === 'resident')![1], name: '名'.repeat(16) } as IdCard;
    expect(() => encodeCardText(card)).toThrow(/does not fit/);
  });

  it('property: resident text round-trips for any printable values that fit', () => {
    const base = sampleCards.find(([, c]) => c.type === 'resident')![1];
    const printable = (max: number) =>
      fc
        .string({ minLength: 1, maxLength: max, unit: fc.constantFrom(...'张王李赵 abcXYZ0129（）-') })
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    fc.assert(
      fc.property(printable(15), printable(35), printable(15), (name, address, issuer) => {
        const card = { ...base, name, address, issuer } as IdCard;
        expect(decodeCard({ text: encodeCardText(card), photo })).toMatchObject({ name, address, issuer });
      }),
    );
  });
});
