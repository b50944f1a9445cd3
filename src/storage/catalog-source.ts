import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from '../shared/catalog-check.js';

/** The JSON files of a catalog source directory (top level and items/), paths relative to it. */
export function readCatalogSource(dir: string): SourceFile[] {
  const list = (sub: string) =>
    readdirSync(join(dir, sub), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => (sub ? `${sub}/${entry.name}` : entry.name))
      .sort();
  const paths = [...list(''), ...(readdirSync(dir).includes('items') ? list('items') : [])];
  return paths.map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}
