import { assembleCatalog } from '../src/shared/catalog-check.js';
import type { Catalog } from '../src/shared/catalog.js';
import { readCatalogSource } from '../src/storage/catalog-source.js';
import { createCatalogSearch } from '../src/terminal/catalog/search.js';
import { percentile, round, writeResults } from './results-file.js';

const ITEMS = 5000;
const QUERIES = [
  'bdc',
  'budongchan',
  '过户',
  '公积金 租房',
  'shebaoka',
  '营业执照',
  'gjj tq',
  'xyzzy',
  '居住证申领',
  'kgs',
  '医保',
  'sbk',
  '生孩子',
  '施工许可',
  'fapiao',
];
const PLACES = [
  '罗湖',
  '福田',
  '南山',
  '宝安',
  '龙岗',
  '盐田',
  '龙华',
  '坪山',
  '光明',
  '大鹏',
  '前海',
  '蛇口',
  '沙头',
  '布吉',
  '横岗',
  '观澜',
  '西乡',
  '松岗',
  '葵涌',
  '梅林',
];
const KINDS = ['', '（个人）', '（企业）', '（变更）', '（注销）', '（补办）', '（延续）', '（跨省通办）', '（告知承诺）', '（容缺受理）'];

/** 5,000 items: the sample's items under place names and variants, each with its own code. */
function generatedCatalog(sample: Catalog): Catalog {
  const items = Array.from({ length: ITEMS }, (_, index) => {
    const base = sample.items[index % sample.items.length]!;
    const place = PLACES[Math.floor(index / sample.items.length) % PLACES.length]!;
    const kind = KINDS[Math.floor(index / (sample.items.length * PLACES.length)) % KINDS.length]!;
    return { ...base, implCode: `${base.implCode.slice(0, 20)}${String(index).padStart(11, '0')}`, name: `${place}${base.name}${kind}` };
  });
  return { ...sample, items };
}

/** Search p99 over a generated 5,000-item catalog; loading and checking the sample catalog. */
export function benchCatalog(): string {
  const loadMs: number[] = [];
  let catalog: Catalog | null = null;
  for (let run = 0; run < 30; run++) {
    const t0 = performance.now();
    catalog = assembleCatalog(readCatalogSource('resources/catalog')).assembled!.catalog;
    loadMs.push(performance.now() - t0);
  }
  const coldLoadMs = loadMs[0]!;
  loadMs.sort((a, b) => a - b);

  const big = generatedCatalog(catalog!);
  const t0 = performance.now();
  const search = createCatalogSearch(big);
  const indexMs = performance.now() - t0;
  const queryMs: number[] = [];
  for (let round_ = 0; round_ < 40; round_++) {
    for (const query of QUERIES) {
      const start = performance.now();
      search.search(query, 10);
      queryMs.push(performance.now() - start);
    }
  }
  queryMs.sort((a, b) => a - b);
  return writeResults(
    'catalog',
    {
      sampleItems: catalog!.items.length,
      loadAndCheckSample: {
        coldMs: round(coldLoadMs, 1),
        p50Ms: round(percentile(loadMs, 50), 1),
        p99Ms: round(percentile(loadMs, 99), 1),
      },
      searchItems: big.items.length,
      indexBuildMs: Math.round(indexMs),
      queries: queryMs.length,
      search: { p50Ms: round(percentile(queryMs, 50), 2), p99Ms: round(percentile(queryMs, 99), 2), maxMs: round(queryMs.at(-1)!, 2) },
    },
    [
      { figure: 'search.p99Ms', limit: 10, unit: 'ms (at most)', met: percentile(queryMs, 99) <= 10 },
      { figure: 'loadAndCheckSample.coldMs', limit: 200, unit: 'ms (at most)', met: coldLoadMs <= 200 },
    ],
  );
}
