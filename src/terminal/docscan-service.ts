import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentScanner } from '../devices/docscan/driver.js';
import { DocScanError } from '../devices/docscan/protocol.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import type { Emit } from './emit.js';

export interface DocscanDeps {
  config: NonNullable<TerminalConfig['devices']['docscan']>;
  scanner: DocumentScanner;
  emit: Emit<'docscan.progress'>;
}

/**
 * The counter's document scanner: one scan at a time, pages read back as JPEG and their files removed
 * at once (they are personal data; the material is kept only once the clerk saves it to the case).
 */
export function createDocscanService({ config, scanner, emit }: DocscanDeps) {
  let running: AbortController | null = null;
  const onProgress = (percent: number, page: number) => emit('docscan.progress', { percent, page });
  return {
    async scan(source: 'flatbed' | 'feeder'): Promise<{ pages: { data: string; mediaType: 'image/jpeg' }[] }> {
      if (running) throw new RpcError('REFUSED', '扫描仪正在扫描，请稍候 / the scanner is already scanning: wait for it');
      running = new AbortController();
      const dir = mkdtempSync(join(tmpdir(), 'onewindow-scan-'));
      const read = (pages: string[]) =>
        pages.map((file) => ({ data: readFileSync(file).toString('base64'), mediaType: 'image/jpeg' as const }));
      try {
        const pages = await scanner.scan({
          device: config.device,
          outDir: dir,
          resolution: config.resolution,
          mode: config.mode,
          format: 'jpeg',
          source,
          timeoutMs: 120_000,
          onProgress,
          signal: running.signal,
        });
        return { pages: read(pages) };
      } catch (error) {
        if (!(error instanceof DocScanError)) throw error;
        if (error.code === 'CANCELLED' && error.pages.length > 0) return { pages: read(error.pages) };
        throw new RpcError(
          error.code === 'NO_DEVICE' ? 'UNAVAILABLE' : 'REFUSED',
          error.pages.length ? `${error.message}（已扫描 ${error.pages.length} 页未保存，请重扫）` : error.message,
        );
      } finally {
        running = null;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    cancel(): void {
      running?.abort();
    },
  };
}
