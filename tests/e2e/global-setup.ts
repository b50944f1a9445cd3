import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../../scripts/demo.js';
import { writeFakeCamera } from './fake-camera.js';

/** One demo hall (hall server, platform, terminals in browser mode) on fresh data for the whole run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  writeFakeCamera();
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-'));
  const demo = await startDemo({ dataDir, freePrinterPorts: true });
  const urls = Object.assign({}, ...demo.terminals.map((terminal) => terminal.server.urls)) as Record<string, string>;
  process.env.ONEWINDOW_E2E_URLS = JSON.stringify(urls);
  process.env.ONEWINDOW_E2E_DATA = dataDir;
  process.env.ONEWINDOW_E2E_PLATFORM = demo.platform.url;
  process.env.ONEWINDOW_E2E_APPOINTMENTS = JSON.stringify(demo.appointments);
  return async () => {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
