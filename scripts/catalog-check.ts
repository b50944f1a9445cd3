/**
 * `npm run catalog:check [DIR]`: checks a catalog source directory (resources/catalog by default) and
 * prints each problem with its file, the path inside it and what to fix. Exit 1 when there are any.
 */
import { assembleCatalog } from '../src/shared/catalog-check.js';
import { readCatalogSource } from '../src/storage/catalog-source.js';

const dir = process.argv[2] ?? 'resources/catalog';
let files;
try {
  files = readCatalogSource(dir);
} catch (error) {
  console.error(`无法读取事项库目录 ${dir} / cannot read the catalog directory ${dir}: ${(error as Error).message}`);
  process.exit(2);
}
const started = performance.now();
const { assembled, problems } = assembleCatalog(files);
for (const problem of problems) console.error(`${dir}/${problem.file} ${problem.path}: ${problem.message}`);
if (!assembled) {
  console.error(`${problems.length} 个问题 / ${problems.length} problem(s)`);
  process.exit(1);
}
const { catalog } = assembled;
console.log(
  `${dir}: ${catalog.items.length} items, ${catalog.bundles.length} bundles, ${catalog.forms.length} forms, version ${catalog.version}${catalog.sample ? ' (sample)' : ''}, checked in ${Math.round(performance.now() - started)} ms`,
);
