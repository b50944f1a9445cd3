import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/devices/printer/simulator.js';
import type { Events, Methods } from '../../src/shared/contract.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { TerminalConfigSchema } from '../../src/shared/terminal-config.js';
import { createHallClient } from '../../src/terminal/hall-client.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { startStallProxy } from '../helpers/stall-proxy.js';
import { startTestHall, testTerminalConfig, type TestHall } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { pause, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-offline-');
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const TOKENS = {
  'kiosk-a': 'kiosk-a-hall-token-0123456789',
  'kiosk-b': 'kiosk-b-hall-token-0123456789',
  counter: 'counter-hall-token-0123456789',
};
const HALL = HallConfigSchema.parse({
  ...TEST_HALL,
  queues: [...TEST_HALL.queues, { id: 'police', name: '公安', prefix: 'G', idRequired: true }],
  idHashKey: 'a-test-key-of-16+-chars',
  eventStream: { heartbeatSeconds: 0.2 },
  terminals: [
    { id: 'kiosk-a', role: 'kiosk', tokenSha256: sha256(TOKENS['kiosk-a']) },
    { id: 'kiosk-b', role: 'kiosk', tokenSha256: sha256(TOKENS['kiosk-b']) },
    { id: 'counter-t', role: 'counter', window: 2, tokenSha256: sha256(TOKENS.counter) },
  ],
});

type KioskId = 'kiosk-a' | 'kiosk-b';

/** A kiosk of the test hall with its own data directory and printer, reaching the hall at `hallUrl`. */
function kiosk(id: KioskId, hall: TestHall, hallUrl: string, printer: VirtualPrinter, dataDir = tempDir()) {
  const base = testTerminalConfig('kiosk', hallUrl, hall.platformUrl, { printer: { url: printer.url } });
  const config = TerminalConfigSchema.parse({ ...base, terminalId: id, dataDir, hall: { url: hallUrl, token: TOKENS[id] } });
  const host: TerminalHost = createTerminalHost({
    config,
    version: 'test',
    validateOutput: true,
    linkCheckIntervalMs: 300,
    offlineTicketsIntervalMs: 200,
    onInternalError: (error) => {
      throw error;
    },
  });
  host.start();
  let stopped = false;
  cleanups.push(() => (stopped ? undefined : host.stop()));
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, 'kiosk');
  const rpc = createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
  /** A count in this kiosk's own database. */
  const count = (sql: string) => {
    const db = new Database(join(dataDir, 'terminal.db'), { readonly: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  /** Leases of numbers this kiosk holds now. */
  const leasesHeld = () => count('SELECT count(*) AS n FROM ticket_leases');
  /** What it still has to tell the hall: offline tickets to hand in, requests to withdraw. */
  const untold = () =>
    count('SELECT count(*) AS n FROM offline_tickets WHERE taken_in_at IS NULL AND refused IS NULL') +
    count('SELECT count(*) AS n FROM ticket_withdrawals');
  return {
    rpc,
    dataDir,
    leasesHeld,
    untold,
    take: (queueId: string) => rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId }),
    hallLink: async () => (await rpc.invoke('system.linkStatus', {})).hall,
    stop: async () => {
      stopped = true;
      await host.stop();
    },
  };
}

async function hallWithKiosks() {
  const hall = await startTestHall(HALL);
  cleanups.push(() => hall.close());
  const printer = await startVirtualPrinter({ outDir: tempDir() });
  cleanups.push(() => printer.close());
  const cut = await startStallProxy(hall.hallUrl);
  cleanups.push(() => cut.close());
  const a = kiosk('kiosk-a', hall, cut.url, printer);
  const counter = createHallClient(hall.hallUrl, 'counter-t', () => TOKENS.counter);
  // Leases of the queues that need no card: 综合一窗, 税务; 快速通道 has too few numbers for one. The first
  // kiosk has the top of the day (A997–A999), the second the three below.
  await waitFor(() => a.leasesHeld() === 2, 10_000);
  const b = kiosk('kiosk-b', hall, hall.hallUrl, printer);
  await waitFor(() => b.leasesHeld() === 2, 10_000);
  /** Everyone in line, in the order window 2 calls them. */
  const calledInOrder = async () => {
    const called: string[] = [];
    for (;;) {
      const waiting = (await counter.listQueues()).find((queue) => queue.id === 'comprehensive')!.waiting;
      if (waiting === 0) return called;
      called.push((await counter.callNext(2)).ticketNumber);
      await counter.finish(2, []);
    }
  };
  return { hall, printer, cut, a, b, counter, calledInOrder };
}

describe('a kiosk cut off from every hall server', () => {
  it('keeps issuing for a minute from its lease, marked 离线取号, and the hall takes the tickets in at their place in line', async () => {
    const { printer, cut, a, b, counter, calledInOrder } = await hallWithKiosks();
    expect((await b.take('comprehensive')).ticketNumber).toBe('A001');
    expect((await a.take('comprehensive')).ticketNumber).toBe('A002');

    cut.stall();
    const partitionStarted = Date.now();
    await waitFor(async () => (await a.hallLink()) === 'offline', 5000);
    const list = await a.rpc.invoke('queue.list', {});
    expect(list.offline).toBe(true);
    // Every queue stays in its place; those without numbers are closed, each with why: the citizen is told where to go instead.
    expect(list.queues.map((queue) => queue.id)).toEqual(['comprehensive', 'tax', 'tiny', 'police']);
    expect(list.closedOffline).toEqual([
      { id: 'tiny', name: '快速通道', reason: 'notLeased' },
      { id: 'police', name: '公安', reason: 'idRequired' },
    ]);

    const first = await a.take('comprehensive');
    expect(first).toMatchObject({ ticketNumber: 'A997', offline: true, waitingAhead: null });
    await waitFor(() => printer.jobs.some((job) => job.transcript.includes('A997')));
    const slip = printer.jobs.find((job) => job.transcript.includes('A997'))!.transcript;
    expect(slip).toContain('【离线取号】');
    expect(slip).toContain('大厅系统恢复后按取号时间排队叫号');
    expect(slip).not.toContain('前面还有');
    expect(slip).toContain(`${first.statusUrl}`);

    await pause(15_000);
    expect((await b.take('comprehensive')).ticketNumber).toBe('A003');
    await pause(15_000);
    expect((await a.take('comprehensive')).ticketNumber).toBe('A998');
    expect((await a.take('tax')).ticketNumber).toBe('C997');
    await pause(15_000);
    expect((await b.take('comprehensive')).ticketNumber).toBe('A004');
    await pause(Math.max(0, 60_000 - (Date.now() - partitionStarted) - 1000));
    expect((await a.take('comprehensive')).ticketNumber).toBe('A999');
    const spent = await a.rpc.invoke('queue.list', {});
    expect(spent.queues[0]!.id).toBe('comprehensive');
    expect(spent.closedOffline[0]).toEqual({ id: 'comprehensive', name: '综合一窗', reason: 'usedUp' });

    cut.resume();
    await waitFor(async () => (await counter.listQueues()).find((queue) => queue.id === 'tax')!.waiting === 1, 10_000);
    await waitFor(async () => (await counter.listQueues()).find((queue) => queue.id === 'comprehensive')!.waiting === 7, 10_000);
    expect(await calledInOrder()).toEqual(['A001', 'A002', 'A997', 'A003', 'A998', 'A004', 'A999']);

    // The slip's link opens the ticket's page once the hall has the ticket.
    const page = await fetch(first.statusUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('A997');

    // The used leases went back and fresh ones came, below them: the next outage has numbers again.
    await waitFor(() => a.leasesHeld() === 2, 10_000);
    cut.stall();
    await waitFor(async () => (await a.hallLink()) === 'offline', 5000);
    expect((await a.take('comprehensive')).ticketNumber).toMatch(/^A99[0-6]$/);
  }, 120_000);

  it('gives an offline number when the hall stops answering mid-request, and withdraws that request: one tap, one number', async () => {
    const { cut, a, counter } = await hallWithKiosks();
    // The path goes silent with the kiosk still taking the hall for reachable: its request is held, not refused.
    cut.stall();
    const ticket = await a.take('comprehensive');
    expect(ticket).toMatchObject({ ticketNumber: 'A997', offline: true });
    // The held request reaches the hall once the path is back; the kiosk withdraws it, and hands in its offline ticket.
    cut.resume();
    await waitFor(async () => a.untold() === 0 && (await a.hallLink()) === 'online', 10_000);
    expect((await counter.listQueues()).find((queue) => queue.id === 'comprehensive')!.waiting).toBe(1);
    expect(await counter.callNext(2)).toMatchObject({ ticketNumber: 'A997', offline: true, issuedAt: ticket.issuedAt });
  }, 60_000);

  it('loses nothing when the kiosk restarts during the outage, and gives no number twice', async () => {
    const { hall, printer, cut, a, counter } = await hallWithKiosks();
    cut.stall();
    await waitFor(async () => (await a.hallLink()) === 'offline', 5000);
    const first = await a.take('comprehensive');
    expect(first.ticketNumber).toBe('A997');
    await a.stop();

    const again = kiosk('kiosk-a', hall, cut.url, printer, a.dataDir);
    await waitFor(async () => (await again.hallLink()) === 'offline', 5000);
    // The hall's queue list is not known after the restart: the kiosk's leases name the queues. 公安 needs the
    // card on the reader, which only the hall can check: it is not offered offline.
    expect((await again.rpc.invoke('queue.list', {})).queues.map((queue) => queue.name).sort()).toEqual(['税务', '综合一窗'].sort());
    expect((await again.take('comprehensive')).ticketNumber).toBe('A998');

    cut.resume();
    await waitFor(async () => (await counter.listQueues()).find((queue) => queue.id === 'comprehensive')!.waiting === 2, 10_000);
    // The clerk sees that these came from a kiosk's lease, and when: why the number is high.
    expect(await counter.callNext(2)).toMatchObject({ ticketNumber: 'A997', offline: true, issuedAt: first.issuedAt });
    await counter.finish(2, []);
    expect(await counter.callNext(2)).toMatchObject({ ticketNumber: 'A998', offline: true });
  }, 60_000);
});
