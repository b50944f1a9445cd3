import { randomUUID } from 'node:crypto';
import { printerProfile } from '../src/devices/printer/profiles.js';
import { encodeEscPos } from '../src/devices/printer/protocol.js';
import { renderTemplate } from '../src/devices/printer/templates.js';
import { startVirtualPrinter } from '../src/devices/printer/simulator.js';
import type { Events, Methods } from '../src/shared/contract.js';
import { createRpcClient } from '../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../src/shared/rpc/transport.js';
import { TerminalConfigSchema } from '../src/shared/terminal-config.js';
import { createHallServer } from '../src/hall/server.js';
import { createSqliteHallStore } from '../src/hall/storage/sqlite-store.js';
import { HALL_MIGRATIONS } from '../src/hall/storage/migrations.js';
import { openDatabase } from '../src/storage/sqlite.js';
import { HallConfigSchema } from '../src/shared/hall-config.js';
import { createTerminalHost } from '../src/terminal/host.js';
import type { AddressInfo } from 'node:net';
import { percentile, round, writeResults } from './results-file.js';

const TICKET = {
  hallName: '示例市政务服务中心',
  queueName: '综合一窗',
  ticketNumber: 'A001',
  waitingAhead: 12,
  issuedAt: '2026-11-27T01:30:00Z',
  statusUrl: 'https://hall.example.gov.cn/t/q8Vw0sJ3mX1bZrT5nK7pLd2e',
  rules: { maxRecalls: 3, noShowReturnMinutes: 30 },
};

/** Bytes and encode time of a queue ticket, with the native QR and with the image fallback. */
function ticketEncoding(qr: 'native' | 'image') {
  const profile = printerProfile('80mm-gb18030', { qr });
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 2200; i++) {
    const t0 = performance.now();
    bytes = encodeEscPos(renderTemplate('queue-ticket', TICKET), profile).length;
    if (i >= 200) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { bytes, encodeP50Ms: round(percentile(times, 50), 3), encodeP99Ms: round(percentile(times, 99), 3) };
}

/** From the kiosk's 取号 call to the virtual printer holding the whole ticket (its cut), through the hall server and the queue. */
async function pressToPrinted(): Promise<{ runs: number; p50: number; p95: number; max: number }> {
  const hallConfig = HallConfigSchema.parse({
    hallName: 'bench',
    queues: [{ id: 'comprehensive', name: '综合一窗', prefix: 'A', maxPerDay: 9999 }],
  });
  const hall = createHallServer({
    config: hallConfig,
    store: createSqliteHallStore(openDatabase(':memory:', HALL_MIGRATIONS), ':memory:'),
  });
  await hall.listen({ port: 0, host: '127.0.0.1' });
  const printer = await startVirtualPrinter();
  const host = createTerminalHost({
    config: TerminalConfigSchema.parse({
      terminalId: 'bench-kiosk',
      role: 'kiosk',
      hallName: 'bench',
      hall: { url: `http://127.0.0.1:${(hall.server.address() as AddressInfo).port}` },
      platform: { url: 'http://127.0.0.1:9' },
      dataDir: ':memory:',
      devices: { printer: { url: printer.url } },
    }),
    version: 'bench',
    linkCheckIntervalMs: 600_000,
  });
  host.start();
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, 'kiosk');
  const rpc = createRpcClient<Methods, Events>(client);
  const times: number[] = [];
  const runs = 60;
  for (let i = 0; i < runs + 5; i++) {
    const printed = new Promise<void>((resolve) => {
      const off = printer.on('job', () => {
        off();
        resolve();
      });
    });
    const t0 = performance.now();
    await rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    await printed;
    if (i >= 5) times.push(performance.now() - t0);
  }
  await host.stop();
  await printer.close();
  await hall.close();
  times.sort((a, b) => a - b);
  return { runs, p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1), max: round(times.at(-1)!, 1) };
}

export async function benchPrinting(): Promise<string> {
  const native = ticketEncoding('native');
  const image = ticketEncoding('image');
  const press = await pressToPrinted();
  return writeResults('printing', { queueTicket: { native, image, unit: 'bytes, ms' }, pressToPrinted: { ...press, unit: 'ms' } }, [
    { figure: 'queueTicket.native.bytes', limit: 1536, unit: 'bytes', met: native.bytes <= 1536 },
    { figure: 'queueTicket.native.encodeP99Ms', limit: 2, unit: 'ms', met: native.encodeP99Ms <= 2 },
    { figure: 'pressToPrinted.p95', limit: 150, unit: 'ms', met: press.p95 <= 150 },
  ]);
}
