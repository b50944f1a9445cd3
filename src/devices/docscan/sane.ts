import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DocScanError, type DocScanErrorCode, type DocumentScanner, type ScanRequest, type ScannerDevice } from './document-scanner.js';
import { makePrivateDir } from '../../storage/private-files.js';

const PAGE_MM: Record<NonNullable<ScanRequest['pageSize']>, [number, number]> = { A4: [210, 297], A5: [148, 210], B5: [176, 250], letter: [216, 279] };

/** What scanimage says on stderr, in words a clerk can act on. */
const PROBLEMS: [RegExp, DocScanErrorCode, string][] = [
  [/open of device .* failed|no SANE devices found|Invalid argument/i, 'NO_DEVICE', '找不到扫描仪，请检查电源和连接线，或在设置中重新选择 / the scanner was not found: check its power and cable, or choose it again'],
  [/jammed/i, 'JAMMED', '扫描仪卡纸，请打开进纸器取出纸张后重试；已扫描的页已保留 / the scanner jammed: open the feeder, remove the paper and try again; pages already scanned are kept'],
  [/cover (is )?open/i, 'COVER_OPEN', '扫描仪盖板未合上，请合上后重试 / the scanner cover is open: close it and try again'],
  [/out of documents|no documents/i, 'NO_DOCUMENTS', '进纸器中没有纸，请放入材料后重试 / the feeder is empty: put the pages in and try again'],
  [/busy/i, 'BUSY', '扫描仪正被其他程序使用，请稍后重试 / the scanner is busy with another program: try again shortly'],
];

/** `device \`test:0' is a Noname frontend-tester virtual device` lines, as `scanimage -L` prints them. */
export function parseDeviceList(output: string): ScannerDevice[] {
  return [...output.matchAll(/^device `([^']+)' is an? (.+)$/gm)].map((match) => ({ name: match[1]!, description: match[2]!.trim() }));
}

function run(args: string[], options: { timeoutMs: number; signal?: AbortSignal; onStderr?: (text: string) => void }): Promise<{ code: number | null; stdout: string; stderr: string; reason: 'exit' | 'timeout' | 'cancelled' }> {
  return new Promise((resolve, reject) => {
    const child = spawn('scanimage', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let reason: 'exit' | 'timeout' | 'cancelled' = 'exit';
    // SIGINT lets scanimage cancel the scan and release the device; SIGKILL if it does not within 3 s.
    const stop = (why: 'timeout' | 'cancelled') => {
      reason = why;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const onAbort = () => stop('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // scanimage can hang closing the device after it has said all it will (SANE's test backend does, now
    // and then): once its batch summary is out, it gets a moment to exit and is then stopped.
    let finished: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(chunk.toString());
      if (!finished && /Batch terminated/.test(stderr)) finished = setTimeout(() => child.kill('SIGKILL'), 2000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new DocScanError('NO_DEVICE', '本机未安装 SANE（scanimage），请安装 sane-utils / SANE (scanimage) is not installed: install sane-utils')
          : error,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(finished);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, stdout, stderr, reason });
    });
  });
}

/** Document scanning through SANE's scanimage: list, and scan a page or a feeder full, with progress. */
export function createSaneScanner(): DocumentScanner {
  return {
    async list() {
      const result = await run(['-L'], { timeoutMs: 30_000 });
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
      const result = await run(args, {
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
      if (result.reason === 'timeout') throw new DocScanError('TIMEOUT', `扫描仪 ${Math.round(request.timeoutMs / 1000)} 秒内没有完成，已停止；请检查扫描仪后重试 / the scanner did not finish within ${Math.round(request.timeoutMs / 1000)} s and was stopped: check it and try again`, pages);
      if (result.reason === 'cancelled') throw new DocScanError('CANCELLED', '扫描已取消 / the scan was cancelled', pages);
      // A feeder that runs out after the last page is how a batch ends, not a failure.
      const problem = PROBLEMS.find(([pattern_, code]) => pattern_.test(result.stderr) && !(feeder && code === 'NO_DOCUMENTS' && pages.length > 0));
      if (problem) throw new DocScanError(problem[1], problem[2], pages);
      if (pages.length === 0) throw new DocScanError('FAILED', `扫描失败 / the scan failed: ${result.stderr.split('\n').filter((line) => !line.startsWith('Progress')).join(' ').trim() || `scanimage exited ${result.code}`}`);
      return pages;
    },
  };
}
