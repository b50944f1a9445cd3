import { spawn } from 'node:child_process';
import { DocScanError } from './protocol.js';

export interface ScanimageRun {
  code: number | null;
  stdout: string;
  stderr: string;
  reason: 'exit' | 'timeout' | 'cancelled';
}

/** One run of SANE's scanimage: the process is this driver's link to the scanner. */
export function runScanimage(
  args: string[],
  options: { timeoutMs: number; signal?: AbortSignal; onStderr?: (text: string) => void },
): Promise<ScanimageRun> {
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
          ? new DocScanError(
              'NO_DEVICE',
              '本机未安装 SANE（scanimage），请安装 sane-utils / SANE (scanimage) is not installed: install sane-utils',
            )
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
