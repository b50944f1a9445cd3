import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  birthDateFromIdNumber,
  idCheckDigit,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  maskName,
  sexCodeFromIdNumber,
  upgradeIdNumber15,
} from '../../src/shared/id-number.js';

describe('ID numbers (GB 11643)', () => {
  it('computes the check digit, including X', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('43060219900307123')).toBe('1');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('says what is wrong with a bad number', () => {
    expect(idNumberProblem('430602199003071232')).toBe('check-digit');
    expect(idNumberProblem('430602199002301231')).toBe('birth-date');
    expect(idNumberProblem('43060219900307123')).toBe('format');
    expect(idNumberProblem('43060219900307123A')).toBe('format');
  });

  it('upgrades first-generation 15-digit numbers', () => {
    expect(upgradeIdNumber15('110105491231002')).toBe('11010519491231002X');
    expect(() => upgradeIdNumber15('12345')).toThrow();
  });

  it('reads the birth date and sex from the number', () => {
    expect(birthDateFromIdNumber('430602199003071231')).toBe('1990-03-07');
    expect(sexCodeFromIdNumber('430602199003071231')).toBe('1');
    expect(sexCodeFromIdNumber('430602198511220040')).toBe('2');
  });

  it('masks to the first six and the last four', () => {
    expect(maskIdNumber('430602199003071234')).toBe('430602********1234');
    expect(maskIdNumber('USA310085061512')).toBe('USA310*****1512');
    expect(maskIdNumber('12345')).toBe('*****');
  });

  it('masks names for screens others can see', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张测试')).toBe('张*试');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskName('王')).toBe('王');
  });

  it('property: every number with a computed check digit and a real birth date is valid, and any other last digit is not', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{5}$/),
        date,
        fc.stringMatching(/^\d{3}$/),
        fc.constantFrom(...'0123456789X'),
        (region, birth, seq, other) => {
          const first17 = region + birth.toISOString().slice(0, 10).replaceAll('-', '') + seq;
          const check = idCheckDigit(first17);
          expect(isValidIdNumber(first17 + check)).toBe(true);
          if (other !== check) expect(idNumberProblem(first17 + other)).toBe('check-digit');
        },
      ),
    );
  });
});
