import { parseArgs } from 'node:util';
import { createSaneScanner } from './docscan/driver.js';
import { DocScanError } from './docscan/protocol.js';
import { createScanner } from './scanner/driver.js';
import { serialScannerConnection } from './scanner/transport.js';
import { baudOf, fail } from './cli-args.js';
import { openSerialChannel } from './serial/channel.js';

/** `scanner listen`: each scan as one JSON line on stdout, the scanner's state on stderr, until Ctrl-C. */
export async function scannerListen(args: string[], usage: string): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      baud: { type: 'string', default: '9600' },
      suffix: { type: 'string', default: 'CR' },
      'no-aim': { type: 'boolean', default: false },
    },
  });
  if (!values.port) fail(1, `--port 必填 / --port is required\n${usage}`);
  const suffix = values.suffix as 'CR' | 'LF' | 'CRLF' | 'TAB';
  if (!['CR', 'LF', 'CRLF', 'TAB'].includes(suffix)) fail(1, '--suffix 应为 CR、LF、CRLF 或 TAB / --suffix must be CR, LF, CRLF or TAB');
  const baud = baudOf(values.baud);
  const scanner = createScanner({
    source: 'serial',
    open: async () => serialScannerConnection(await openSerialChannel(values.port!, baud), { suffix, aim: !values['no-aim'] }),
  });
  scanner.on('scan', (scan) => process.stdout.write(`${JSON.stringify(scan)}\n`));
  scanner.on('status', (status) => process.stderr.write(`${status.message}\n`));
  scanner.start();
  const stop = () => void scanner.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function docscanList(): Promise<void> {
  const devices = await createSaneScanner()
    .list()
    .catch((error: Error) => fail(3, error.message));
  for (const device of devices) process.stdout.write(`${device.name.padEnd(32)} ${device.description}\n`);
  if (devices.length === 0) process.stderr.write('未发现扫描仪 / no document scanners found\n');
}

/** `docscan scan`: the pages' files, one per line; progress on stderr. */
export async function docscanScan(args: string[], usage: string): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      device: { type: 'string' },
      out: { type: 'string' },
      resolution: { type: 'string', default: '300' },
      mode: { type: 'string', default: 'color' },
      format: { type: 'string', default: 'jpeg' },
      feeder: { type: 'boolean', default: false },
      page: { type: 'string' },
      timeout: { type: 'string', default: '120000' },
    },
    allowPositionals: true,
  });
  if (!values.device || !values.out) fail(1, `--device 和 --out 必填 / --device and --out are required\n${usage}`);
  const resolution = Number(values.resolution);
  if (!Number.isInteger(resolution) || resolution < 50 || resolution > 1200)
    fail(1, '--resolution 应为 50–1200 的整数 / --resolution must be a whole number from 50 to 1200');
  if (!['color', 'gray'].includes(values.mode!)) fail(1, '--mode 应为 color 或 gray / --mode must be color or gray');
  if (!['jpeg', 'png'].includes(values.format!)) fail(1, '--format 应为 jpeg 或 png / --format must be jpeg or png');
  if (values.page && !['A4', 'A5', 'B5', 'letter'].includes(values.page))
    fail(1, '--page 应为 A4、A5、B5 或 letter / --page must be A4, A5, B5 or letter');
  try {
    const pages = await createSaneScanner().scan({
      device: values.device!,
      outDir: values.out!,
      resolution,
      mode: values.mode as 'color' | 'gray',
      format: values.format as 'jpeg' | 'png',
      source: values.feeder ? 'feeder' : 'flatbed',
      pageSize: values.page as 'A4' | undefined,
      timeoutMs: Number(values.timeout),
      onProgress: (percent, page) => process.stderr.write(`page ${page}: ${percent.toFixed(0)}%\r`),
    });
    process.stderr.write('\n');
    for (const page of pages) process.stdout.write(`${page}\n`);
  } catch (error) {
    if (!(error instanceof DocScanError)) throw error;
    for (const page of error.pages) process.stdout.write(`${page}\n`);
    fail(3, `\n${error.code}: ${error.message}`);
  }
}
