import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatalogService } from '../../../src/terminal/catalog/catalog-service.js';
import { SAMPLE_CATALOG_DIR, sampleCatalog } from '../../helpers/catalog.js';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-catalog-');
let platform: TestPlatform | undefined;
afterEach(async () => platform?.close());

describe('catalog distribution', () => {
  it('starts with the shipped catalog, takes a newer version from the platform, and keeps it for a day with no network', async () => {
    const published = { ...sampleCatalog(), version: 'city-2026.12.1' };
    platform = await startTestPlatform(tempDir(), { catalog: published });
    const cacheFile = join(tempDir(), 'catalog.json');
    const errors: string[] = [];
    const updated: string[] = [];
    const service = createCatalogService({
      platformUrl: platform.url,
      cacheFile,
      shippedDir: SAMPLE_CATALOG_DIR,
      emit: (_event, { version }) => updated.push(version),
      onError: (m) => errors.push(m),
    });
    expect(service.current().version).toBe('sample-2026.11.1');
    expect(await service.refresh()).toBe(true);
    expect(updated).toEqual(['city-2026.12.1']);
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).version).toBe('city-2026.12.1');
    expect(await service.refresh()).toBe(false);
    await platform.close();
    platform = undefined;

    const offline = createCatalogService({
      platformUrl: 'http://127.0.0.1:9',
      cacheFile,
      shippedDir: SAMPLE_CATALOG_DIR,
      emit: () => undefined,
      onError: (m) => errors.push(m),
    });
    expect(offline.current().version).toBe('city-2026.12.1');
    expect(offline.search('过户', 1)[0]!.name).toBe('不动产转移登记（存量房买卖）');
    expect(await offline.refresh()).toBe(false);
    expect(errors.at(-1)).toMatch(/keeping version city-2026\.12\.1/);
  });

  it('refuses a published catalog that does not check, and a damaged cache', async () => {
    const broken = sampleCatalog();
    broken.items[0]!.situations.start = 'nowhere';
    platform = await startTestPlatform(tempDir(), { catalog: { ...broken, version: 'broken-1' } });
    const cacheFile = join(tempDir(), 'catalog.json');
    const errors: string[] = [];
    const service = createCatalogService({
      platformUrl: platform.url,
      cacheFile,
      shippedDir: SAMPLE_CATALOG_DIR,
      emit: () => undefined,
      onError: (m) => errors.push(m),
    });
    expect(await service.refresh()).toBe(false);
    expect(errors[0]).toMatch(/catalog broken-1 is not valid and was not taken: .*start node/);
    expect(existsSync(cacheFile)).toBe(false);
    writeFileSync(cacheFile, '{"version": ');
    const again = createCatalogService({
      platformUrl: platform.url,
      cacheFile,
      shippedDir: SAMPLE_CATALOG_DIR,
      emit: () => undefined,
      onError: (m) => errors.push(m),
    });
    expect(again.current().version).toBe('sample-2026.11.1');
    expect(errors.at(-1)).toMatch(/cached catalog is not valid/);
  });
});
