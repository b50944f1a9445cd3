import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startDemo } from './demo.js';
import { chooseShell, findElectronBinary } from './shell-choice.js';

/**
 * `npm start`: a demo hall on this machine — hall server, reference platform, a kiosk, a counter with
 * its customer screen, and a board — in Electron windows where possible, in browser mode otherwise.
 */
const dataDir = process.env.ONEWINDOW_DATA ?? 'var/demo';
const choice = chooseShell({ platform: process.platform, env: process.env, electronBinary: findElectronBinary(process.cwd()) });

const demo = await startDemo({
  dataDir,
  terminalsInProcess: choice.shell === 'browser',
  hallPort: Number(process.env.ONEWINDOW_HALL_PORT ?? 7300),
  platformPort: Number(process.env.ONEWINDOW_PLATFORM_PORT ?? 7400),
}).catch((error: Error) => {
  console.error(`演示大厅无法启动 / The demo hall could not start: ${error.message}`);
  console.error('Ports: set ONEWINDOW_HALL_PORT and ONEWINDOW_PLATFORM_PORT (0 picks a free one).');
  process.exit(1);
});

console.log(`OneWindow demo hall — data and logs in ${join(dataDir)}`);
console.log(`  hall      ${demo.hall.url}`);
console.log(`  platform  ${demo.platform.url}  (REFERENCE platform, for development and demos)`);
for (const [terminalId, printer] of demo.printers) {
  console.log(`  printer   ${printer.url}  (virtual printer of ${terminalId}: jobs in ${join(dataDir, 'printers', terminalId)})`);
}

const windows: ChildProcess[] = [];
if (choice.shell === 'electron') {
  const build = spawnSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) {
    await demo.stop();
    process.exit(1);
  }
  for (const file of demo.terminalConfigs) {
    windows.push(
      spawn(
        choice.binary,
        ['dist/main/index.js', '--config', file, '--hall-url', demo.hall.url, '--platform-url', demo.platform.url],
        { stdio: 'inherit' },
      ),
    );
  }
  console.log(`Electron: one terminal host and its windows for each of ${demo.terminalConfigs.join(', ')}`);
} else {
  console.log(`Browser mode: ${choice.reason}. Open these in Chromium:`);
}
for (const terminal of demo.terminals) {
  for (const [page, url] of Object.entries(terminal.server.urls)) console.log(`  ${page.padEnd(9)} ${url}  (${terminal.host.config.terminalId})`);
}
console.log('Ctrl-C stops everything.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const window of windows) window.kill('SIGTERM');
  await demo.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
