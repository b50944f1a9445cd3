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
  // The usual counter is counter-03 (综合受理); counter-02 (综合出件) is reached by its id.
  const urls = Object.assign(
    {},
    ...demo.terminals.filter((terminal) => terminal.host.config.terminalId !== 'counter-02').map((terminal) => terminal.server.urls),
  ) as Record<string, string>;
  process.env.ONEWINDOW_E2E_URLS = JSON.stringify(urls);
  // A hall has more than one counter: each terminal's pages, by its id.
  process.env.ONEWINDOW_E2E_TERMINAL_URLS = JSON.stringify(
    Object.fromEntries(demo.terminals.map((terminal) => [terminal.host.config.terminalId, terminal.server.urls])),
  );
  process.env.ONEWINDOW_E2E_DATA = dataDir;
  process.env.ONEWINDOW_E2E_PLATFORM = demo.platform.url;
  process.env.ONEWINDOW_E2E_HALL = demo.hall.url;
  process.env.ONEWINDOW_E2E_APPOINTMENTS = JSON.stringify(demo.appointments);
  return async () => {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
