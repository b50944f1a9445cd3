import { describe, expect, it } from 'vitest';
import {
  caseQrText,
  checkCodeInQr,
  checkCodeOf,
  formatReceiptNumber,
  parseCaseReference,
  receiptNumberOf,
} from '../../src/shared/case-reference.js';
import { ReceiptNumberSchema } from '../../src/shared/cases.js';
import { uuidv7 } from '../../src/shared/uuid.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const numbers = Array.from({ length: 300 }, () => receiptNumberOf(uuidv7()));

describe('查询码', () => {
  it('is six digits from random bits of the case id the 受理编号 does not use, and the QR carries it', () => {
    const caseIds = Array.from({ length: 300 }, () => uuidv7());
    const codes = caseIds.map(checkCodeOf);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(290);
    // Same 受理编号 bits, other bits differ: the code is not a function of the number a citizen reads out.
    expect(receiptNumberOf('0190f000-0000-7000-8000-000000000000')).toBe(receiptNumberOf('0190f000-0000-7fff-bffc-000000000000'));
    expect(checkCodeOf('0190f000-0000-7000-8000-000000000000')).not.toBe(checkCodeOf('0190f000-0000-7fff-bffc-000000000000'));
    const number = receiptNumberOf(caseIds[0]!);
    expect(checkCodeInQr(caseQrText(number, codes[0]!))).toBe(codes[0]);
    expect(checkCodeInQr(number)).toBeUndefined();
    expect(checkCodeInQr(`onewindow:case:${number}`)).toBeUndefined();
  });
});

describe('受理编号', () => {
  it('is 11 characters a person reads without confusion, made from the case id alone', () => {
    for (const number of numbers) expect(ReceiptNumberSchema.parse(number)).toBe(number);
    const caseId = uuidv7();
    expect(receiptNumberOf(caseId)).toBe(receiptNumberOf(caseId));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(formatReceiptNumber('4K7QM2XD9PW')).toBe('4K7Q M2XD 9PW');
  });

  it('is found again however it is typed or scanned: any case, spaces, hyphens, full-width, 1 for I or L, 0 for O, the receipt’s QR', () => {
    const number = numbers[0]!;
    const spaced = formatReceiptNumber(number);
    const asTyped = [
      number,
      number.toLowerCase(),
      ` ${spaced} `,
      spaced.replaceAll(' ', '-'),
      caseQrText(number, '012345'),
      `  ${caseQrText(number, '012345')}\r\n`,
      `onewindow:case:${number}`,
    ];
    const fullWidth = [...number].map((char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).join('');
    for (const text of [...asTyped, fullWidth]) expect(parseCaseReference(text)).toEqual({ receiptNumber: number });
    const withOnes = receiptNumberOf('0190f000-0000-7000-8000-000000000000');
    expect(withOnes).toMatch(/0/);
    expect(parseCaseReference(withOnes.replaceAll('0', 'O'))).toEqual({ receiptNumber: withOnes });
  });

  it('tells a mistyped character or two swapped neighbours from a number that is not on record', () => {
    let caught = 0;
    let tried = 0;
    for (const number of numbers.slice(0, 40)) {
      for (let at = 0; at < number.length; at++) {
        for (const other of ALPHABET) {
          if (other === number[at]) continue;
          tried++;
          const typo = number.slice(0, at) + other + number.slice(at + 1);
          if (!safeParse(typo)) caught++;
        }
        const next = number[at + 1];
        if (next && next !== number[at]) {
          tried++;
          if (!safeParse(number.slice(0, at) + next + number[at] + number.slice(at + 2))) caught++;
        }
      }
    }
    // Luhn mod 32 catches every single substitution and nearly every swap of neighbours.
    expect(caught / tried).toBeGreaterThan(0.99);
    expect(() => parseCaseReference(`${numbers[1]!.slice(0, 10)}${numbers[1]![10] === 'Z' ? 'Y' : 'Z'}`)).toThrow(
      /^受理编号“.{4} .{4} .{3}”有误，请逐个核对回执上的 11 位字母和数字，或扫描回执上的二维码/,
    );
  });

  it('takes the platform’s 办件编号 and the case id of older receipts’ QR, and says what to do with anything else', () => {
    expect(parseCaseReference(' 11440300007542037x444011700920261127000001 ')).toEqual({
      caseNumber: '11440300007542037X444011700920261127000001',
    });
    const caseId = uuidv7();
    expect(parseCaseReference(`onewindow:case:${caseId.toUpperCase()}`)).toEqual({ caseId });
    expect(parseCaseReference(`https://hall.example.gov.cn/progress?case=${numbers[2]}`)).toEqual({ receiptNumber: numbers[2] });
    expect(() => parseCaseReference('   ')).toThrow(/^请扫描受理回执上的二维码，或输入回执上的受理编号/);
    expect(() => parseCaseReference('onewindow:prefill:K7QW3MZP')).toThrow(
      /^无法识别“onewindow:prefill:K7QW3MZP”：请扫描受理回执上的二维码/,
    );
    expect(() => parseCaseReference('A12')).toThrow(/11 位字母和数字/);
  });
});

function safeParse(text: string): boolean {
  try {
    parseCaseReference(text);
    return true;
  } catch {
    return false;
  }
}
