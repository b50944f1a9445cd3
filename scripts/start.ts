import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadTerminalConfig } from '../src/terminal/config.js';
import { DEMO_CONSOLE_ACCOUNTS, startDemo, type Demo } from './demo.js';
import { DEMO_PORT_HINT, DEMO_PORTS, DEMO_PRINTERS, demoPorts } from './demo-ports.js';
import { chooseShell, findElectronBinary } from './shell-choice.js';
import { CONSOLE_PATH } from '../src/hall/console-page.js';

/**
 * `npm start`: a demo hall on this machine — hall server, reference platform, a kiosk, a counter with
 * its customer screen, and a board — in Electron windows where possible, in browser mode otherwise.
 */
const dataDir = process.env.ONEWINDOW_DATA ?? 'var/demo';
const choice = chooseShell({ platform: process.platform, env: process.env, electronBinary: findElectronBinary(process.cwd()) });

const chosen = demoPorts(process.env);
if ('problems' in chosen) {
  for (const problem of chosen.problems) console.error(problem);
  process.exit(2);
}
const { ports } = chosen;

const demo = await startDemo({
  dataDir,
  terminalsInBrowserMode: choice.shell === 'browser',
  hallPort: ports.hall,
  platformPort: ports.platform,
  printerPorts: Object.fromEntries(Object.entries(DEMO_PRINTERS).map(([terminalId, port]) => [terminalId, ports[port]])),
}).catch((error: Error) => {
  console.error(`演示大厅无法启动 / The demo hall could not start: ${error.message}`);
  console.error(DEMO_PORT_HINT);
  process.exit(1);
});

console.log(`OneWindow demo hall — data, keys and logs in ${join(dataDir)} (logs/, printers/, demo-hall.key, demo-case-store.key)`);
console.log(`  hall      ${demo.hall.url}  (${DEMO_PORTS.hall.variable})`);
const { manager, supervisor } = DEMO_CONSOLE_ACCOUNTS;
console.log(
  `  console   ${demo.hall.url}${CONSOLE_PATH}  (the hall's console: manager ${manager.id} / ${manager.password}, supervisor ${supervisor.id} / ${supervisor.password})`,
);
console.log(`  platform  ${demo.platform.url}  (REFERENCE platform, for development and demos; ${DEMO_PORTS.platform.variable})`);
for (const [terminalId, printer] of demo.printers) {
  const port = DEMO_PRINTERS[terminalId as keyof typeof DEMO_PRINTERS];
  const variable = port ? DEMO_PORTS[port].variable : 'its terminal file';
  console.log(
    `  printer   ${printer.url}  (virtual printer of ${terminalId}, ${variable}: slips in ${join(dataDir, 'printers', terminalId)})`,
  );
}
printAppointments(demo);

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
        ['dist/main/index.js', '--config', withDemoPrinter(file), '--hall-url', demo.hall.url, '--platform-url', demo.platform.url],
        { stdio: 'inherit' },
      ),
    );
  }
  console.log(`Electron: one terminal host and its windows for each of ${demo.terminalConfigs.join(', ')}`);
} else {
  console.log(`Browser mode: ${choice.reason}. Open these in Chromium:`);
}
for (const terminal of demo.terminals) {
  for (const [page, url] of Object.entries(terminal.server.urls))
    console.log(`  ${page.padEnd(9)} ${url}  (${terminal.host.config.terminalId})`);
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

/** 预约签到: what a demo user types at the kiosk (or the sample card they put on its reader). */
function printAppointments({ appointments }: Demo): void {
  if (appointments.length === 0) return;
  console.log('Appointments booked for today (kiosk 预约签到: type the code, or put the sample card on the simulated reader):');
  for (const appointment of appointments) {
    const card = appointment.sampleCard
      ? `, booked with the sample card ${basename(appointment.sampleCard.file, '.json')} (${appointment.sampleCard.name})`
      : '';
    console.log(`  ${appointment.code}  ${appointment.queueName} ${appointment.from}–${appointment.to}${card}`);
  }
}

/** An Electron terminal reads its own file: a copy of it names the virtual printer where the demo started it. */
function withDemoPrinter(file: string): string {
  const config = loadTerminalConfig(file);
  const printer = demo.printers.get(config.terminalId);
  if (!printer) return file;
  const copy = join(dataDir, 'electron', basename(file));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { devices: { printer: { url: string } } };
  raw.devices.printer.url = printer.url;
  mkdirSync(join(dataDir, 'electron'), { recursive: true });
  writeFileSync(copy, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
  return copy;
}
