import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { makePrivateDir } from '../../storage/private-files.js';
import { DocScanError, PAGE_MM, parseDeviceList, PROBLEMS, type ScannerDevice, type ScanRequest } from './protocol.js';
import { runScanimage } from './transport.js';

/**
 * A document scanner as the counter uses it, whatever drives it: SANE's scanimage on Linux and the
 * domestic systems here; a WIA/TWAIN adapter on Windows will implement the same interface.
 */
export interface DocumentScanner {
  list(): Promise<ScannerDevice[]>;
  /** The scanned pages' files, in order. */
  scan(request: ScanRequest): Promise<string[]>;
}

/** Document scanning through SANE's scanimage: list, and scan a page or a feeder full, with progress. */
export function createSaneScanner(): DocumentScanner {
  return {
    async list() {
      const result = await runScanimage(['-L'], { timeoutMs: 30_000 });
      return parseDeviceList(result.stdout);
    },

    /** Pages go to `outDir` as page-1.png, page-2.png…; give each scan a directory of its own. */
    async scan(request) {
      makePrivateDir(request.outDir);
      const extension = request.format === 'jpeg' ? 'jpg' : 'png';
      const feeder = request.source === 'feeder';
      const pattern = join(request.outDir, `page-%d.${extension}`);
      const size = request.pageSize ? PAGE_MM[request.pageSize] : null;
      const args = [
        '-d',
        request.device,
        `--format=${request.format}`,
        '--resolution',
        String(request.resolution),
        '--mode',
        request.mode === 'color' ? 'Color' : 'Gray',
        '--progress',
        ...(size ? ['-x', String(size[0]), '-y', String(size[1])] : []),
        ...(feeder ? ['--source', 'Automatic Document Feeder', `--batch=${pattern}`] : ['--batch=' + pattern, '--batch-count=1']),
        ...(request.deviceOptions ?? []),
      ];
      let page = 1;
      const result = await runScanimage(args, {
        timeoutMs: request.timeoutMs,
        signal: request.signal,
        onStderr: (text) => {
          for (const match of text.matchAll(/Scanning page (\d+)|Progress: ([\d.]+)%/g)) {
            if (match[1]) page = Number(match[1]);
            else request.onProgress?.(Number(match[2]), page);
          }
        },
      });
      const pages = readdirSync(request.outDir)
        .map((name) => ({ name, match: new RegExp(`^page-(\\d+)\\.${extension}$`).exec(name) }))
        .filter((entry) => entry.match !== null)
        .sort((a, b) => Number(a.match![1]) - Number(b.match![1]))
        .map((entry) => join(request.outDir, entry.name));
      if (result.reason === 'timeout')
        throw new DocScanError(
          'TIMEOUT',
          `扫描仪 ${Math.round(request.timeoutMs / 1000)} 秒内没有完成，已停止；请检查扫描仪后重试 / the scanner did not finish within ${Math.round(request.timeoutMs / 1000)} s and was stopped: check it and try again`,
          pages,
        );
      if (result.reason === 'cancelled') throw new DocScanError('CANCELLED', '扫描已取消 / the scan was cancelled', pages);
      // A feeder that runs out after the last page is how a batch ends, not a failure.
      const problem = PROBLEMS.find(
        ([pattern_, code]) => pattern_.test(result.stderr) && !(feeder && code === 'NO_DOCUMENTS' && pages.length > 0),
      );
      if (problem) throw new DocScanError(problem[1], problem[2], pages);
      if (pages.length === 0)
        throw new DocScanError(
          'FAILED',
          `扫描失败 / the scan failed: ${
            result.stderr
              .split('\n')
              .filter((line) => !line.startsWith('Progress'))
              .join(' ')
              .trim() || `scanimage exited ${result.code}`
          }`,
        );
      return pages;
    },
  };
}
