import { describe, expect, it } from 'vitest';
import { cardProblems, idCardView, type IdCard } from '../../src/shared/idcard.js';

const resident: IdCard = {
  type: 'resident',
  name: '张测试',
  sex: '男',
  sexCode: '1',
  nation: '汉',
  nationCode: '01',
  birthDate: '1990-03-07',
  address: '湖南省岳阳市',
  idNumber: '430602199003071231',
  issuer: '岳阳市公安局',
  validFrom: '2016-05-01',
  validTo: '2036-05-01',
  photo: { wlt: '', bmp: null },
};

describe('card checks for the clerk', () => {
  it('finds nothing wrong with a consistent card in its validity', () => {
    expect(cardProblems(resident, '2026-11-27')).toEqual([]);
    expect(cardProblems({ ...resident, validTo: '长期' }, '2099-01-01')).toEqual([]);
  });

  it('flags an expired card, a card not yet valid, and fields that contradict the number', () => {
    expect(cardProblems(resident, '2036-05-02')).toEqual([expect.stringContaining('过期')]);
    expect(cardProblems(resident, '2016-04-30')).toEqual([expect.stringContaining('尚未生效')]);
    expect(cardProblems({ ...resident, birthDate: '1990-03-08' }, '2026-11-27')).toEqual([expect.stringContaining('出生日期')]);
    expect(cardProblems({ ...resident, sexCode: '2', sex: '女' }, '2026-11-27')).toEqual([expect.stringContaining('性别')]);
  });

  it('shows pages only the masked name and number', () => {
    const view = idCardView(resident, '2026-11-27');
    expect(view).toMatchObject({ name: '张*试', idNumber: '430602********1231', typeName: '居民身份证', photoDecoded: false });
    expect(JSON.stringify(view)).not.toContain('湖南省');
  });
});
