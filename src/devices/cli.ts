import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { describeIssues } from '../shared/issues.js';
import { PRINT_TEMPLATES, type PrintTemplateName } from '../shared/print-templates.js';
import { PRINTER_PROFILES } from '../shared/terminal-config.js';
import { formatCardForPeople } from './idcard/format.js';
import { createIdCardReader } from './idcard/driver.js';
import { SCENARIOS, SamSimulator, SimulatorCardSchema, type Scenario } from './idcard/simulator.js';
import { listDevices } from './list.js';
import { openPrinter, parsePrinterUrl } from './printer/transport.js';
import { encodeEscPos } from './printer/protocol.js';
import { printerProfile, type PrinterProfileName } from './printer/profiles.js';
import { canPrint, describeStatus } from './printer/status.js';
import { renderTemplate } from './printer/templates.js';
import { startVirtualPrinter, VIRTUAL_CONDITIONS, type VirtualCondition } from './printer/simulator.js';
import { openSerialChannel } from './serial/channel.js';
import { docscanList, docscanScan, scannerListen } from './capture-cli.js';
import { baudOf, fail } from './cli-args.js';

/**
 * `onewindow-device`: the diagnostic CLI a technician runs at a terminal. Exit codes: 0 done,
 * 1 usage, 2 nothing happened in time (no card), 3 device or protocol error.
 */
const USAGE = `usage:
  onewindow-device list
  onewindow-device printer print --to URL --template NAME --data FILE.json [--profile 80mm-gb18030] [--qr native|image]
  onewindow-device printer status --to URL
  onewindow-device printer virtual [--port 9100] [--out DIR] [--paper 80|58] [--condition ready|paper-end|…]
  onewindow-device idcard read --port PATH [--baud 115200] [--timeout MS] [--json] [--unmasked]
  onewindow-device idcard sim --port PATH --card FILE.json [--scenario ${SCENARIOS.join('|')}] [--baud N]
  onewindow-device scanner listen --port PATH [--baud 9600] [--suffix CR|LF|CRLF|TAB] [--no-aim]
  onewindow-device docscan list
  onewindow-device docscan scan --device NAME --out DIR [--resolution 300] [--mode color|gray] [--format jpeg|png] [--feeder] [--page A4]`;

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
  reader.on('card', (card) => void finish(0, values.json ? JSON.stringify(card) : formatCardForPeople(card, values.unmasked)));
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
  if (!(SCENARIOS as readonly string[]).includes(values.scenario))
    fail(1, `--scenario 应为 ${SCENARIOS.join(', ')} 之一 / unknown scenario "${values.scenario}"`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(values.card, 'utf8'));
  } catch (error) {
    fail(1, `无法读取证件文件 / cannot read the card file ${values.card}: ${(error as Error).message}`);
  }
  const card = SimulatorCardSchema.safeParse(raw);
  if (!card.success) fail(1, `证件文件 ${values.card} 有误 / the card file is not valid: ${describeIssues(card.error.issues).join('; ')}`);
  const baud = baudOf(values.baud);
  const channel = await openSerialChannel(values.port, baud).catch((error: Error) =>
    fail(3, `无法打开串口 / cannot open ${values.port}: ${error.message}`),
  );
  const simulator = new SamSimulator(channel, { card: card.data, scenario: values.scenario as Scenario, baud });
  channel.onClose(() => process.exit(0));
  process.stdout.write(`simulating a ${card.data.type} card on ${values.port} (scenario ${values.scenario})\n`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function printerPrint(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      template: { type: 'string' },
      data: { type: 'string' },
      profile: { type: 'string', default: '80mm-gb18030' },
      qr: { type: 'string', default: 'native' },
    },
  });
  if (!values.to || !values.template || !values.data)
    fail(1, `--to、--template 和 --data 必填 / --to, --template and --data are required\n${USAGE}`);
  if (!(values.template in PRINT_TEMPLATES))
    fail(1, `--template 应为 ${Object.keys(PRINT_TEMPLATES).join(', ')} 之一 / unknown template "${values.template}"`);
  if (!(PRINTER_PROFILES as readonly string[]).includes(values.profile))
    fail(1, `--profile 应为 ${PRINTER_PROFILES.join(', ')} 之一 / unknown profile "${values.profile}"`);
  if (values.qr !== 'native' && values.qr !== 'image') fail(1, '--qr 应为 native 或 image / --qr must be native or image');
  let document;
  try {
    document = renderTemplate(values.template as PrintTemplateName, JSON.parse(readFileSync(values.data, 'utf8')));
  } catch (error) {
    const detail = error instanceof ZodError ? describeIssues(error.issues).join('; ') : (error as Error).message;
    fail(1, `数据文件 ${values.data} 有误 / the data file is not valid for ${values.template}: ${detail}`);
  }
  const connection = await openPrinter(parseUrlOrFail(values.to)).catch((error: Error) => fail(3, error.message));
  try {
    const status = await connection.status(1500);
    if (status && !canPrint(status))
      fail(3, `打印机无法打印 / the printer cannot print: ${describeStatus(status).zh} / ${describeStatus(status).en}`);
    await connection.write(encodeEscPos(document, printerProfile(values.profile as PrinterProfileName, { qr: values.qr })));
  } catch (error) {
    fail(3, `打印失败 / printing failed: ${(error as Error).message}`);
  } finally {
    await connection.close();
  }
  process.stdout.write(`printed ${values.template} on ${values.to}\n`);
}

function parseUrlOrFail(url: string) {
  try {
    return parsePrinterUrl(url);
  } catch (error) {
    return fail(1, (error as Error).message);
  }
}

async function printerStatus(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  if (!values.to) fail(1, `--to 必填 / --to is required\n${USAGE}`);
  const connection = await openPrinter(parseUrlOrFail(values.to)).catch((error: Error) => fail(3, error.message));
  const status = await connection.status(1500).finally(() => connection.close());
  if (!status) fail(3, '打印机没有回答状态查询 / the printer did not answer the status request (DLE EOT)');
  const words = describeStatus(status);
  process.stdout.write(`${words.zh} / ${words.en}\n`);
  process.exit(canPrint(status) ? 0 : 3);
}

async function printerVirtual(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '9100' },
      out: { type: 'string' },
      paper: { type: 'string', default: '80' },
      condition: { type: 'string', default: 'ready' },
    },
  });
  const isCondition = (value: string): value is VirtualCondition => (VIRTUAL_CONDITIONS as readonly string[]).includes(value);
  if (!isCondition(values.condition)) fail(1, `--condition 应为 ${VIRTUAL_CONDITIONS.join(', ')} 之一 / unknown condition`);
  if (values.paper !== '80' && values.paper !== '58') fail(1, '--paper 应为 80 或 58 / --paper must be 80 or 58');
  const printer = await startVirtualPrinter({
    port: Number(values.port),
    outDir: values.out,
    paperDots: values.paper === '58' ? 384 : 576,
    condition: values.condition,
  }).catch((error: Error) => fail(3, `虚拟打印机无法启动 / the virtual printer could not start: ${error.message}`));
  printer.on('job', (job) =>
    process.stderr.write(
      `job ${job.seq}${job.basePath ? ` → ${job.basePath}.txt` : ''}${job.droppedBytes ? ` (dropped ${job.droppedBytes} items: could not print)` : ''}\n`,
    ),
  );
  process.stdout.write(
    `onewindow-virtual-printer listening ${printer.url} (type a condition and Enter to change it: ${VIRTUAL_CONDITIONS.join(', ')})\n`,
  );
  createInterface({ input: process.stdin }).on('line', (line) => {
    const condition = line.trim();
    if (isCondition(condition)) {
      printer.setCondition(condition);
      process.stdout.write(`condition ${condition}\n`);
    } else if (condition) process.stderr.write(`unknown condition "${condition}"\n`);
  });
  const stop = () => void printer.close().then(() => process.exit(0));
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
} else if (group === 'printer' && action === 'print') {
  await printerPrint(rest);
} else if (group === 'printer' && action === 'status') {
  await printerStatus(rest);
} else if (group === 'printer' && action === 'virtual') {
  await printerVirtual(rest);
} else if (group === 'scanner' && action === 'listen') {
  await scannerListen(rest, USAGE);
} else if (group === 'docscan' && action === 'list') {
  await docscanList();
} else if (group === 'docscan' && action === 'scan') {
  await docscanScan(rest, USAGE);
} else {
  fail(1, USAGE);
}
