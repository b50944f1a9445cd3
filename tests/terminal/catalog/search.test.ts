import { describe, expect, it } from 'vitest';
import { createCatalogSearch } from '../../../src/terminal/catalog/search.js';
import { sampleCatalog } from '../../helpers/catalog.js';

const search = createCatalogSearch(sampleCatalog());
const names = (query: string, limit = 5) => search.search(query, limit).map((hit) => hit.name);

describe('catalog search', () => {
  it('finds by initials and full pinyin, name matches first', () => {
    expect(names('bdc').every((name) => name.startsWith('不动产'))).toBe(true);
    expect(names('budongchan')[0]).toMatch(/^不动产/);
    expect(names('gjj')[0]).toMatch(/^住房公积金/);
    expect(names('shbzk')[0]).toBe('社会保障卡申领');
    expect(names('shebaoka')[0]).toBe('社会保障卡申领');
  });

  it('finds by the words citizens use and by life event, bundles included', () => {
    expect(names('过户')[0]).toBe('不动产转移登记（存量房买卖）');
    expect(names('生孩子')[0]).toBe('新生儿出生一件事');
    expect(names('开公司').slice(0, 2).sort()).toEqual(['开办企业一件事', '有限责任公司设立登记']);
    expect(names('kgs')).toContain('有限责任公司设立登记');
  });

  it('ranks an exact name above a name that merely contains it, and needs every term to match', () => {
    const hits = search.search('居住证申领', 5);
    expect(hits[0]).toMatchObject({ name: '居住证申领', kind: 'item', zone: '公安', score: 100 });
    expect(names('公积金 租房')).toEqual(['住房公积金提取（租赁住房）']);
    expect(names('公积金 tiqu')).toEqual(expect.arrayContaining(['住房公积金提取（租赁住房）', '住房公积金提取（购买自住住房）']));
  });

  it('finds by department when nothing else matches, and nothing for nonsense', () => {
    expect(search.search('公安局', 10).map((hit) => hit.department)).toEqual(Array(3).fill('示例市公安局'));
    expect(names('xyzzy')).toEqual([]);
    expect(names('   ')).toEqual([]);
    expect(names('!!')).toEqual([]);
  });
});
