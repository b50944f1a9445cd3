import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { assembleCatalog, catalogProblems } from '../../shared/catalog-check.js';
import { CatalogSchema, type Catalog } from '../../shared/catalog.js';
import { platformApi } from '../../shared/platform-api.js';
import { readCatalogSource } from '../../storage/catalog-source.js';
import { createRouteClient, orThrow, PLATFORM_SERVER } from '../../http-client/route-client.js';
import { createCatalogSearch } from './search.js';
import { makePrivateDir } from '../../storage/private-files.js';
import type { Emit } from '../emit.js';

export interface CatalogDeps {
  platformUrl: string;
  /** Where the last catalog from the platform is kept; null keeps it in memory only (tests). */
  cacheFile: string | null;
  /** The catalog shipped with the program, used until the platform has sent one. */
  shippedDir: string;
  intervalMs?: number;
  emit: Emit<'catalog.updated'>;
  onError?: (message: string) => void;
}

function writeAtomically(file: string, text: string): void {
  makePrivateDir(dirname(file));
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/**
 * The catalog a terminal works from: the platform's latest, cached on disk so a terminal with no
 * network starts with what it had; the shipped one before the platform ever answered. A new version
 * is checked whole before it replaces the one in use.
 */
export function createCatalogService(options: CatalogDeps) {
  let lastError: string | null = null;
  const report = (message: string) => {
    lastError = message;
    options.onError?.(message);
  };

  function fromCache(): Catalog | null {
    if (!options.cacheFile || !existsSync(options.cacheFile)) return null;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(options.cacheFile, 'utf8'));
    } catch {
      raw = null;
    }
    const parsed = CatalogSchema.safeParse(raw);
    if (parsed.success && catalogProblems(parsed.data).length === 0) return parsed.data;
    report(`本机缓存的事项库 ${options.cacheFile} 无效，改用程序自带的事项库 / the cached catalog is not valid; using the shipped one`);
    return null;
  }

  function shipped(): Catalog {
    const { assembled, problems } = assembleCatalog(readCatalogSource(options.shippedDir));
    if (!assembled) {
      throw new Error(
        `程序自带的事项库 ${options.shippedDir} 有误 / the shipped catalog is not valid: ${problems.map((p) => `${p.file} ${p.path}: ${p.message}`).join('; ')}`,
      );
    }
    return assembled.catalog;
  }

  const platform = createRouteClient(platformApi, { baseUrl: options.platformUrl, server: PLATFORM_SERVER });
  let catalog = fromCache() ?? shipped();
  // Built on the first search, not at start: a board never searches, and the pinyin of every name takes a while.
  let search: ReturnType<typeof createCatalogSearch> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running = false;

  /** Asks the platform for a newer version; true when one was taken into use. */
  async function refresh(): Promise<boolean> {
    let answer;
    try {
      answer = orThrow(await platform.catalog({ query: { have: catalog.version }, timeoutMs: 15_000 }));
    } catch (error) {
      report(
        `事项库未能更新，继续使用版本 ${catalog.version} / the catalog could not be updated, keeping version ${catalog.version}: ${(error as Error).message}`,
      );
      return false;
    }
    lastError = null;
    if (!answer.catalog || answer.catalog.version === catalog.version) return false;
    const problems = catalogProblems(answer.catalog);
    if (problems.length > 0) {
      report(
        `平台发布的事项库 ${answer.version} 有误，未采用 / the platform's catalog ${answer.version} is not valid and was not taken: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      );
      return false;
    }
    if (options.cacheFile) writeAtomically(options.cacheFile, JSON.stringify(answer.catalog));
    catalog = answer.catalog;
    search = null;
    options.emit('catalog.updated', { version: catalog.version });
    return true;
  }

  return {
    current: () => catalog,
    /** Why the last update failed, while it did; shown with the catalog's version. */
    lastError: () => lastError,
    search: (query: string, limit: number) => (search ??= createCatalogSearch(catalog)).search(query, limit),
    refresh,
    start(): void {
      running = true;
      const tick = () => {
        void refresh().finally(() => {
          if (running) timer = setTimeout(tick, options.intervalMs ?? 10 * 60_000);
        });
      };
      tick();
    },
    stop(): void {
      running = false;
      if (timer) clearTimeout(timer);
    },
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
