import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDictionary, type PinyinDictionary } from '../../../src/renderer/keyboard/pinyin-ime.js';

let dictionary: PinyinDictionary;
beforeAll(() => {
  dictionary = parseDictionary(readFileSync('resources/ime/pinyin-words.txt', 'utf8'));
});

const words = (input: string, limit = 8) => dictionary.candidates(input, limit).map((candidate) => candidate.word);

describe('pinyin input', () => {
  it('ranks the words of full pinyin by frequency, the hall’s words among them', () => {
    expect(words('zhengwu')[0]).toBe('政务');
    expect(words('budongchan')[0]).toBe('不动产');
    expect(words('shebao')).toEqual(expect.arrayContaining(['社保', '社保卡']));
    expect(words('xingshizheng')[0]).toBe('行驶证');
    expect(words('lvse')[0]).toBe('绿色');
  });

  it('takes initials and the beginning of a word', () => {
    expect(words('sfz')[0]).toBe('身份证');
    expect(words('bdc')[0]).toBe('不动产');
    expect(words('zhengw')).toContain('政务');
  });

  it('offers the words of the longest known beginning and says how many letters they take', () => {
    const [first] = dictionary.candidates('shenfenzhenghukou');
    expect(first).toEqual({ word: '身份证', consumed: 'shenfenzheng'.length });
    expect(dictionary.candidates('hukou')[0]).toEqual({ word: '户口', consumed: 5 });
  });

  it('gives each word once, at most the limit, and nothing for no letters', () => {
    const single = words('z', 10);
    expect(single).toHaveLength(10);
    expect(new Set(single).size).toBe(10);
    expect(words('')).toEqual([]);
    expect(words('123')).toEqual([]);
    expect(words('ZHENGWU')[0]).toBe('政务');
  });
});
