import { assembleCatalog, type SourceFile } from '../../src/shared/catalog-check.js';
import type { Catalog } from '../../src/shared/catalog.js';
import { readCatalogSource } from '../../src/storage/catalog-source.js';

export const SAMPLE_CATALOG_DIR = 'resources/catalog';

export function sampleSource(): SourceFile[] {
  return readCatalogSource(SAMPLE_CATALOG_DIR);
}

/** The sample catalog, assembled and checked. */
export function sampleCatalog(): Catalog {
  const { assembled, problems } = assembleCatalog(sampleSource());
  if (!assembled) throw new Error(`the sample catalog has problems: ${JSON.stringify(problems)}`);
  return assembled.catalog;
}
