import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Events, Methods } from '../src/shared/contract.js';
import { createRpcClient } from '../src/shared/rpc/client.js';
import { TerminalConfigSchema } from '../src/shared/terminal-config.js';
import { openSerialChannel } from '../src/devices/serial/channel.js';
import { serialScanBytes } from '../src/devices/scanner/simulator.js';
import { startBrowserMode } from '../src/terminal/browser-mode.js';
import { createTerminalHost } from '../src/terminal/host.js';
import { percentile, round, writeResults } from './results-file.js';
import { openPage } from './ws-page.js';

const SCANS = 300;

/**
 * From the serial scanner's last byte to the page: a kiosk host reads a scanner on a pty (socat),
 * and a page connected over browser mode's WebSocket receives `scanner.scan`.
 */
export async function benchScanner(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-scanner-'));
  const device = join(dir, 'scanner-device');
  const hostEnd = join(dir, 'scanner-host');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${device}`, `pty,raw,echo=0,link=${hostEnd}`], { stdio: 'ignore' });
  while (!(existsSync(device) && existsSync(hostEnd))) await new Promise((resolve) => setTimeout(resolve, 20));
  const host = createTerminalHost({
    config: TerminalConfigSchema.parse({
      terminalId: 'bench-kiosk',
      role: 'kiosk',
      hallName: 'bench',
      hall: { url: 'http://127.0.0.1:9' },
      platform: { url: 'http://127.0.0.1:9' },
      dataDir: ':memory:',
      devices: { scanner: { kind: 'serial', port: hostEnd, baud: 115200 } },
    }),
    version: 'bench',
    catalogIntervalMs: 3_600_000,
  });
  const server = await startBrowserMode({ host, staticDir: 'dist/renderer' });
  host.start();
  const page = await openPage(server, 'kiosk');
  const rpc = createRpcClient<Methods, Events>(page.transport);
  await rpc.invoke('system.hello', {});
  const scanner = await openSerialChannel(device, 115200);
  while ((await rpc.invoke('scanner.status', {})).connected !== true) await new Promise((resolve) => setTimeout(resolve, 20));

  const latencies: number[] = [];
  for (let i = 0; i < SCANS; i++) {
    const text = `onewindow:prefill:${String(i).padStart(6, '0')} 不动产转移登记`;
    const arrived = new Promise<number>((resolve) => {
      const off = rpc.on('scanner.scan', (scan) => {
        if (scan.text !== text) return;
        off();
        resolve(performance.now());
      });
    });
    await scanner.write(serialScanBytes(text, 'qr'));
    const lastByteWritten = performance.now();
    latencies.push((await arrived) - lastByteWritten);
  }
  latencies.sort((a, b) => a - b);
  await scanner.close();
  page.close();
  await server.close();
  await host.stop();
  socat.kill();
  return writeResults(
    'scanner',
    {
      scans: SCANS,
      path: 'pty (socat) → serialport → framer → host → WebSocket → page',
      p50Ms: round(percentile(latencies, 50), 2),
      p99Ms: round(percentile(latencies, 99), 2),
      maxMs: round(latencies.at(-1)!, 2),
    },
    [{ figure: 'p99Ms', limit: 30, unit: 'ms from the last byte to the page (at most)', met: percentile(latencies, 99) <= 30 }],
  );
}
