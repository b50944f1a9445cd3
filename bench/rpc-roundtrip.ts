import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Events, Methods } from '../src/shared/contract.js';
import { createRpcClient } from '../src/shared/rpc/client.js';
import { TerminalConfigSchema } from '../src/shared/terminal-config.js';
import { createMemoryTransportPair, type Transport } from '../src/shared/rpc/transport.js';
import { openPage } from './ws-page.js';
import { startBrowserMode } from '../src/terminal/browser-mode.js';
import { createTerminalHost } from '../src/terminal/host.js';
import { startHostChild } from '../src/terminal/host-child.js';
import { percentile, round, writeResults } from './results-file.js';

const CALLS = 5000;
const WARMUP = 500;

/** A counter with no hall or platform behind it: system.hello exercises the RPC path alone. */
function benchConfig() {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bench-rpc-'));
  writeFileSync(join(dataDir, 'case-store.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  return TerminalConfigSchema.parse({
    terminalId: 'bench',
    role: 'counter',
    hallName: 'bench',
    hall: { url: 'http://127.0.0.1:9' },
    platform: { url: 'http://127.0.0.1:9', secret: 'bench-platform-secret' },
    window: { number: 1, name: 'bench' },
    dataDir,
    cases: { keyFile: join(dataDir, 'case-store.key') },
  });
}

const benchHost = () => createTerminalHost({ config: benchConfig(), version: 'bench' });

async function measure(transport: Transport): Promise<{ p50: number; p99: number; max: number; callsPerSecond: number }> {
  const client = createRpcClient<Methods, Events>(transport);
  for (let i = 0; i < WARMUP; i++) await client.invoke('system.hello', {});
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t0 = performance.now();
    await client.invoke('system.hello', {});
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
    max: round(times.at(-1)!),
    callsPerSecond: Math.round((CALLS / total) * 1000),
  };
}

export async function benchRpcRoundTrip(): Promise<string> {
  const memoryHost = benchHost();
  const [serverEnd, clientEnd] = createMemoryTransportPair();
  memoryHost.rpc.connect(serverEnd, 'operator');
  const inMemory = await measure(clientEnd);

  const host = benchHost();
  const server = await startBrowserMode({ host, staticDir: 'dist/renderer' });
  const page = await openPage(server, 'counter');
  const overWebSocket = await measure(page.transport);
  page.close();
  await server.close();
  await host.stop();
  await memoryHost.stop();

  // The path pages take in npm start and in the product: the shell's socket, relayed to the host's own process.
  const child = await startHostChild({ config: benchConfig() });
  const shell = await startBrowserMode({ host: child, staticDir: 'dist/renderer' });
  const childPage = await openPage(shell, 'counter');
  const throughHostProcess = await measure(childPage.transport);
  childPage.close();
  await shell.close();
  await child.stop();

  return writeResults(
    'rpc-roundtrip',
    { method: 'system.hello', calls: CALLS, warmup: WARMUP, unit: 'ms', inMemory, webSocketLoopback: overWebSocket, throughHostProcess },
    [
      { figure: 'webSocketLoopback.p99', limit: 5, unit: 'ms', met: overWebSocket.p99 <= 5 },
      { figure: 'throughHostProcess.p99', limit: 5, unit: 'ms', met: throughHostProcess.p99 <= 5 },
    ],
  );
}
