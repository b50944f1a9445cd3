import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter } from '../../src/devices/printer/simulator.js';
import { startBrowserMode, type BrowserModeServer } from '../../src/terminal/browser-mode.js';
import { createTerminalHost } from '../../src/terminal/host.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../helpers/fault-proxy.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';
import { startTestHall, testTerminalConfig, type TestHall } from '../helpers/terminal.js';
import { openTestSocket } from '../helpers/ws-client.js';

/**
 * A retry must never make a second number, pre-fill code or case: the hall answers a repeated request id
 * with its first answer, a terminal retries a lost call with the same id, and a page that repeats a tap
 * after a lost reply gets the first ticket back. And the only way to 受理 is the intake session.
 */
const startHall = useHallServers();
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const APPLICATION = {
  request: { kind: 'item', code: '11440300MB2E11352A440117002000', answers: { filed: 'no' } },
  title: '住房公积金提取（租赁住房）',
  formId: 'fund-withdraw',
  values: { phone: '13800138000' },
  catalogVersion: 'test',
};

async function send(base: string, path: string, body: unknown, key?: string) {
  const reply = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> & { error?: { code: string; message: string } } };
}

describe('requests that create something, repeated', () => {
  it('gets the first ticket and the first pre-fill code for the same request id, and 422 for the same id with another body', async () => {
    const hall = await startHall(TEST_HALL);
    const key = randomUUID();
    const first = await send(hall.base, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' }, key);
    const again = await send(hall.base, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' }, key);
    expect(first.status).toBe(200);
    expect(again.body.ticketNumber).toBe(first.body.ticketNumber);
    expect(again.body.id).toBe(first.body.id);
    expect(await hall.store.get('SELECT count(*) AS n FROM tickets')).toEqual({ n: 1 });
    // The link handed out again replaces the first, which no one received.
    expect(again.body.statusUrl).not.toBe(first.body.statusUrl);
    expect((await fetch(`${again.body.statusUrl as string}/status`)).status).toBe(200);
    expect((await fetch(`${first.body.statusUrl as string}/status`)).status).toBe(404);

    const other = await send(hall.base, '/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error).toMatchObject({
      code: 'IDEMPOTENCY_MISMATCH',
      message: expect.stringMatching(/^Idempotency-Key .* 已用于另一内容的请求/),
    });
    expect((await send(hall.base, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' })).status).toBe(400);
    expect(await hall.store.get('SELECT count(*) AS n FROM tickets')).toEqual({ n: 1 });

    const prefillKey = randomUUID();
    const code = await send(hall.base, '/api/v1/prefills', { application: APPLICATION }, prefillKey);
    expect(code.status).toBe(200);
    expect((await send(hall.base, '/api/v1/prefills', { application: APPLICATION }, prefillKey)).body.code).toBe(code.body.code);
    expect(await hall.store.get('SELECT count(*) AS n FROM prefills')).toEqual({ n: 1 });
    expect(
      (await send(hall.base, '/api/v1/prefills', { application: { ...APPLICATION, values: { phone: '13900139000' } } }, prefillKey)).status,
    ).toBe(422);
  });

  it('checks an appointment in once for a repeated request id', async () => {
    // 09:00 in Beijing, the slot from 09:00 open.
    const hall = await startHall(TEST_HALL, { now: () => new Date('2026-11-27T01:00:00Z') });
    const booked = await send(hall.base, '/api/v1/appointments', {
      queueId: 'comprehensive',
      day: '2026-11-27',
      from: '09:00',
      to: '09:30',
    });
    expect(booked.status).toBe(200);
    const key = randomUUID();
    const first = await send(hall.base, '/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.body.code }, key);
    expect(first.status).toBe(200);
    expect(
      (await send(hall.base, '/api/v1/appointments/check-in', { terminalId: 'k1', code: booked.body.code }, key)).body.ticketNumber,
    ).toBe(first.body.ticketNumber);
  });

  it('gives the kiosk the first number when the hall’s reply to 取号 is lost, and a page repeating the tap gets the same one, printed once', async () => {
    const servers = await startTestHall();
    closers.push(() => servers.close());
    let ticketCalls = 0;
    const proxy: FaultProxy = await startFaultProxy(
      servers.hallUrl,
      (request): Fault => (request.method === 'POST' && request.url === '/api/v1/tickets' && ++ticketCalls === 1 ? 'drop-reply' : 'pass'),
      { holdMs: 100, random: Math.random },
    );
    closers.push(() => proxy.close());
    const printer = await startVirtualPrinter();
    closers.push(() => printer.close());
    const host = createTerminalHost({
      config: testTerminalConfig('kiosk', proxy.url, servers.platformUrl, { printer: { url: printer.url } }),
      version: 'test',
      linkCheckIntervalMs: 60_000,
    });
    host.start();
    closers.push(() => host.stop());
    const server: BrowserModeServer = await startBrowserMode({ host, staticDir: 'dist/renderer' });
    closers.push(() => server.close());
    const token = new URL(server.urls.kiosk!).searchParams.get('token')!;
    const page = await openTestSocket(`${server.origin.replace('http', 'ws')}/rpc?token=${token}`, server.origin);
    closers.push(async () => page.close());

    const requestId = randomUUID();
    const tap = await page.call('queue.takeTicket', { queueId: 'comprehensive', requestId });
    expect(tap.ok).toBe(true);
    expect(proxy.counts['drop-reply']).toBe(1);
    expect(tap.value).toMatchObject({ ticketNumber: 'A001' });
    const repeated = await page.call('queue.takeTicket', { queueId: 'comprehensive', requestId });
    expect(repeated.value).toEqual(tap.value);
    const snapshot = (await page.call('hall.snapshot', {})).value as { queues: { id: string; waiting: number }[] };
    expect(snapshot.queues.find((queue) => queue.id === 'comprehensive')?.waiting).toBe(1);
    await expect.poll(() => printer.jobs.length).toBe(1);
    expect((await page.call('queue.takeTicket', { queueId: 'tax', requestId })).error).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('has no way to record a case around the intake session: cases.register is gone', async () => {
    const servers: TestHall = await startTestHall();
    closers.push(() => servers.close());
    const host = createTerminalHost({
      config: testTerminalConfig('counter', servers.hallUrl, servers.platformUrl),
      version: 'test',
      linkCheckIntervalMs: 60_000,
    });
    closers.push(() => host.stop());
    const server = await startBrowserMode({ host, staticDir: 'dist/renderer' });
    closers.push(() => server.close());
    const token = new URL(server.urls.counter!).searchParams.get('token')!;
    const page = await openTestSocket(`${server.origin.replace('http', 'ws')}/rpc?token=${token}`, server.origin);
    closers.push(async () => page.close());
    const draft = {
      itemCode: '11440300007542037X4440117009000',
      itemName: '不动产登记（转移登记）',
      caseType: '2',
      applicant: { name: '张三', certificateType: '111', certificateNumber: '11010519491231002X' },
      materials: [],
    };
    expect(await page.call('cases.register', { draft })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});
