import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeIssues } from '../shared/issues.js';
import { SERIAL_BAUD_RATES } from '../shared/terminal-config.js';
import { formatCardForPeople } from './idcard/format.js';
import { createIdCardReader } from './idcard/reader.js';
import { SCENARIOS, SamSimulator, SimulatorCardSchema, type Scenario } from './idcard/simulator.js';
import { listDevices } from './list.js';
import { openSerialChannel } from './serial/channel.js';

/**
 * `onewindow-device`: the diagnostic CLI a technician runs at a terminal. Exit codes: 0 done,
 * 1 usage, 2 nothing happened in time (no card), 3 device or protocol error.
 */
const USAGE = `usage:
  onewindow-device list
  onewindow-device idcard read --port PATH [--baud 115200] [--timeout MS] [--json] [--unmasked]
  onewindow-device idcard sim --port PATH --card FILE.json [--scenario ${SCENARIOS.join('|')}] [--baud N]`;

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function baudOf(value: string | undefined): number {
  const baud = Number(value ?? 115200);
  if (!(SERIAL_BAUD_RATES as readonly number[]).includes(baud)) fail(1, `--baud 应为 ${SERIAL_BAUD_RATES.join('/')} 之一 / --baud must be one of ${SERIAL_BAUD_RATES.join(', ')}`);
  return baud;
}

async function idcardRead(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      baud: { type: 'string' },
      timeout: { type: 'string', default: '30000' },
      json: { type: 'boolean', default: false },
      unmasked: { type: 'boolean', default: false },
      fingerprint: { type: 'boolean', default: false },
    },
  });
  if (!values.port) fail(1, `--port 必填 / --port is required\n${USAGE}`);
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) fail(1, '--timeout 应为正的毫秒数 / --timeout must be a positive number of milliseconds');
  const baud = baudOf(values.baud);
  const reader = createIdCardReader({
    openChannel: () => openSerialChannel(values.port!, baud),
    readFingerprint: values.fingerprint,
    readAdditionalAddress: true,
    reconnectInitialMs: 60_000,
  });
  let finished = false;
  const finish = async (code: number, message: string) => {
    if (finished) return;
    finished = true;
    await reader.stop();
    if (code === 0) process.stdout.write(`${message}\n`);
    else process.stderr.write(`${message}\n`);
    process.exit(code);
  };
  reader.on('status', (status) => {
    if (status.state === 'disconnected' || status.state === 'sam-fault') void finish(3, status.message ?? status.state);
  });
  reader.on('error', (error) => void finish(3, error.message));
  reader.on('card', (card) =>
    void finish(0, values.json ? JSON.stringify(card) : formatCardForPeople(card, values.unmasked)),
  );
  setTimeout(() => void finish(2, `${timeout} 毫秒内未检测到证件 / no card within ${timeout} ms`), timeout);
  reader.start();
}

async function idcardSim(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      card: { type: 'string' },
      scenario: { type: 'string', default: 'normal' },
      baud: { type: 'string' },
    },
  });
  if (!values.port || !values.card) fail(1, `--port 和 --card 必填 / --port and --card are required\n${USAGE}`);
  if (!(SCENARIOS as readonly string[]).includes(values.scenario)) fail(1, `--scenario 应为 ${SCENARIOS.join(', ')} 之一 / unknown scenario "${values.scenario}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.card, 'utf8'));
  } catch (error) {
    fail(1, `无法读取证件文件 / cannot read the card file ${values.card}: ${(error as Error).message}`);
  }
  const card = SimulatorCardSchema.safeParse(raw);
  if (!card.success) fail(1, `证件文件 ${values.card} 有误 / the card file is not valid: ${describeIssues(card.error.issues).join('; ')}`);
  const baud = baudOf(values.baud);
  const channel = await openSerialChannel(values.port, baud).catch((error: Error) => fail(3, `无法打开串口 / cannot open ${values.port}: ${error.message}`));
  const simulator = new SamSimulator(channel, { card: card.data, scenario: values.scenario as Scenario, baud });
  channel.onClose(() => process.exit(0));
  process.stdout.write(`simulating a ${card.data.type} card on ${values.port} (scenario ${values.scenario})\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const [group, action, ...rest] = process.argv.slice(2);
if (group === 'list') {
  const devices = await listDevices().catch((error: Error) => fail(3, `无法列出设备 / cannot list devices: ${error.message}`));
  for (const device of devices) process.stdout.write(`${device.kind.padEnd(12)} ${device.id.padEnd(24)} ${device.detail}\n`);
  if (devices.length === 0) process.stderr.write('未发现设备 / no devices found\n');
} else if (group === 'idcard' && action === 'read') {
  await idcardRead(rest);
} else if (group === 'idcard' && action === 'sim') {
  await idcardSim(rest);
} else {
  fail(1, USAGE);
}
