import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createHallCluster, type HallCluster } from '../../src/hall/cluster.js';
import { createEventLog } from '../../src/hall/event-log.js';
import { openClusterStores, type ClusterStores } from '../../src/hall/hall-database.js';
import { hashPin } from '../../src/hall/pin-hash.js';
import { createTerminalRegistry } from '../../src/hall/terminal-registry.js';
import { hallApi, HALL_EVENTS_PATH } from '../../src/shared/hall-api.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import { HallConfigSchema, type HallConfig } from '../../src/shared/hall-config.js';
import { hallSchemaName } from '../../src/shared/hall-cluster.js';
import { routePath } from '../../src/shared/http-route.js';
import { createHallClient } from '../../src/terminal/hall-client.js';
import { createHallEndpoints } from '../../src/terminal/hall-endpoints.js';
import { followHallEvents } from '../../src/terminal/hall-events-client.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { HALL_ENGINES, sharedPostgres, useHallStores, type HallEngine } from '../helpers/hall-store.js';

// Stops the file's PostgreSQL server after its tests, as the other engine tests do.
useHallStores();

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Two townships' halls with the same queues, windows, terminal and manager ids, and their own tokens, keys and passwords. */
async function township(name: string, tag: string): Promise<{ config: HallConfig; kiosk: string; counter: string; password: string }> {
  const kiosk = `kiosk-01-${tag}-token-0123456789`;
  const counter = `counter-01-${tag}-token-0123456789`;
  const password = `${tag}-manager-password`;
  const config = HallConfigSchema.parse({
    ...TEST_HALL_WITH_CLERK,
    hallName: name,
    idHashKey: `${tag}-id-hash-key-0123456789abcdef`,
    terminals: [
      { id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(kiosk) },
      { id: 'counter-01', role: 'counter', window: 1, tokenSha256: sha(counter) },
    ],
    managers: [{ id: 'admin', name: '主任', role: 'manager', passwordHash: await hashPin(password) }],
  });
  return { config, kiosk, counter, password };
}

const XINHE = await township('新河镇便民服务中心', 'xinhe');
const DONGBA = await township('东坝镇便民服务中心', 'dongba');

interface Reply {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

async function send(url: string, method: string, token: string | undefined, body?: unknown): Promise<Reply> {
  const reply = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'idempotency-key': randomUUID(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await reply.text();
  return { status: reply.status, body: text.startsWith('{') ? JSON.parse(text) : { text } };
}

let running: { cluster: HallCluster; stores: ClusterStores; dir: string } | null = null;
afterEach(async () => {
  if (!running) return;
  await running.cluster.close();
  await running.stores.close();
  rmSync(running.dir, { recursive: true, force: true });
  running = null;
});

async function startCluster(engine: HallEngine) {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-cluster-'));
  const postgres = engine === 'postgresql' ? [await (await sharedPostgres()).createDatabase(`cluster_${process.pid}_${Date.now()}`)] : [];
  const stores = await openClusterStores(
    [
      { id: 'xinhe', file: join(dir, 'xinhe.db') },
      { id: 'dongba', file: join(dir, 'dongba.db') },
    ],
    { postgres, unencrypted: true },
    {},
  );
  const cluster = createHallCluster({
    halls: [
      { id: 'xinhe', config: XINHE.config, store: stores.stores.get('xinhe')! },
      { id: 'dongba', config: DONGBA.config, store: stores.stores.get('dongba')! },
    ],
    instanceId: 'county-1',
  });
  const url = await cluster.listen(0, '127.0.0.1');
  running = { cluster, stores, dir };
  return { url, xinhe: `${url}/halls/xinhe`, dongba: `${url}/halls/dongba`, stores, postgres: postgres[0] };
}

/** A body each route accepts, so that a refusal can only be for whose token it is. */
function bodyFor(name: keyof typeof hallApi): unknown {
  const window = { windowNumber: 1 };
  const bodies: Partial<Record<keyof typeof hallApi, unknown>> = {
    issueTicket: { queueId: 'comprehensive', terminalId: 'kiosk-01' },
    reinstate: { ticketNumber: 'A001' },
    callNext: window,
    recall: window,
    noShow: window,
    park: window,
    resume: { ...window, ticketId: randomUUID() },
    transfer: { ...window, toQueueId: 'tax' },
    finish: { ...window, serviceCodes: [] },
    login: { ...window, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin },
    logout: window,
    pause: { ...window, paused: true },
    book: { queueId: 'comprehensive', date: '2026-12-04', slot: '09:00' },
    checkIn: { code: '123456' },
    leaseNumbers: { queueIds: ['comprehensive'] },
    returnLease: { leaseId: randomUUID(), usedUpTo: 0 },
    evaluate: { ticketNumber: 'A001', rating: 5 },
    createPrefill: {},
    openPrefill: { code: '123456' },
    rotateToken: {},
  };
  return bodies[name] ?? {};
}

describe.each(HALL_ENGINES)('a county cluster of two halls on %s', (engine) => {
  it('keeps each hall to itself: a token of one hall gets nothing of the other on any route, its stream or its pages', async () => {
    const { url, xinhe, dongba } = await startCluster(engine);

    // 新河 works: numbers, a call at window 1 by its clerk, a ticket page.
    const first = await send(`${xinhe}/api/v1/tickets`, 'POST', XINHE.kiosk, { queueId: 'comprehensive', terminalId: 'kiosk-01' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ticketNumber: 'A001' });
    expect((await send(`${xinhe}/api/v1/tickets`, 'POST', XINHE.kiosk, { queueId: 'comprehensive', terminalId: 'kiosk-01' })).status).toBe(
      200,
    );
    expect((await send(`${xinhe}/api/v1/clerks/login`, 'POST', XINHE.counter, bodyFor('login'))).status).toBe(200);
    expect((await send(`${xinhe}/api/v1/calls/next`, 'POST', XINHE.counter, { windowNumber: 1 })).body).toMatchObject({
      ticketNumber: 'A001',
    });
    const statusUrl = String(first.body.statusUrl);
    expect(statusUrl.startsWith(`${xinhe}/t/`)).toBe(true);
    expect((await fetch(statusUrl)).status).toBe(200);

    // 东坝 numbers from its own A001, and sees nothing of 新河's day.
    const own = await send(`${dongba}/api/v1/tickets`, 'POST', DONGBA.kiosk, { queueId: 'comprehensive', terminalId: 'kiosk-01' });
    expect(own.body).toMatchObject({ ticketNumber: 'A001' });
    const snapshot = await send(`${dongba}/api/v1/snapshot`, 'GET', DONGBA.kiosk);
    expect(snapshot.body).toMatchObject({ hallName: '东坝镇便民服务中心' });
    expect(JSON.stringify(snapshot.body)).not.toContain('新河');
    const waiting = (snapshot.body.queues as { id: string; waiting: number }[]).find((queue) => queue.id === 'comprehensive');
    expect(waiting?.waiting).toBe(1);
    expect((snapshot.body.windows as { clerk: unknown }[]).every((window) => window.clerk === null)).toBe(true);

    // Every route of 东坝, asked with 新河's kiosk's and counter's tokens (the same terminal ids), with bodies 东坝 would take.
    const refusals: string[] = [];
    for (const [name, route] of Object.entries(hallApi) as [keyof typeof hallApi, (typeof hallApi)[keyof typeof hallApi]][]) {
      // These three take no token: a one-time code, a ticket's link, a manager's password (tried below).
      if (name === 'enrol' || name === 'ticketStatus' || name === 'managerLogin') continue;
      const path = routePath(route, { token: 'x'.repeat(22) });
      const query = name === 'statsCsv' ? '?by=queue' : '';
      for (const token of [XINHE.kiosk, XINHE.counter]) {
        const reply = await send(`${dongba}${path}${query}`, route.method, token, route.method === 'GET' ? undefined : bodyFor(name));
        if (reply.status !== 401 || reply.body.error?.code !== 'UNAUTHORIZED') refusals.push(`${route.method} ${path}: ${reply.status}`);
      }
    }
    expect(refusals).toEqual([]);
    // The same with 东坝's own tokens is served: the refusals above were for the token, not the request.
    expect((await send(`${dongba}/api/v1/queues`, 'GET', DONGBA.kiosk)).status).toBe(200);
    expect((await send(`${dongba}/api/v1/clerks/login`, 'POST', DONGBA.counter, bodyFor('login'))).status).toBe(200);
    expect((await send(`${xinhe}/api/v1/queues`, 'GET', DONGBA.kiosk)).status).toBe(401);

    // 新河's manager: its password opens 新河's console only, and its session cookie, sent to 东坝 anyway, opens nothing there.
    const managerLogin = (base: string, password: string) =>
      fetch(`${base}${hallApi.managerLogin.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ managerId: 'admin', password }),
      });
    const loggedIn = await managerLogin(xinhe, XINHE.password);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers.get('set-cookie')).toContain('Path=/halls/xinhe/;');
    const cookie = loggedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${xinhe}${hallApi.liveHall.path}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${dongba}${hallApi.liveHall.path}`, { headers: { cookie } })).status).toBe(401);
    expect((await managerLogin(dongba, XINHE.password)).status).not.toBe(200);

    // 新河's ticket link opens nothing at 东坝.
    const borrowed = statusUrl.replace('/halls/xinhe/', '/halls/dongba/');
    expect((await fetch(borrowed)).status).toBe(404);
    expect((await fetch(`${borrowed}/status`)).status).not.toBe(200);

    // 东坝's event stream refuses 新河's token, and its own board hears only 东坝.
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${dongba.replace(/^http/, 'ws')}${HALL_EVENTS_PATH}`, {
        headers: { authorization: `Bearer ${XINHE.kiosk}` },
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    const heard: string[] = [];
    const board = new WebSocket(`${dongba.replace(/^http/, 'ws')}${HALL_EVENTS_PATH}`, {
      headers: { authorization: `Bearer ${DONGBA.kiosk}` },
    });
    board.on('message', (data) => {
      const message = JSON.parse(String(data)) as { kind: string; event?: HallEvent };
      if (message.kind === 'event') heard.push(`${message.event!.type} ${message.event!.ticket?.ticketNumber ?? ''}`.trim());
    });
    await new Promise((resolve) => board.once('open', resolve));
    await send(`${xinhe}/api/v1/tickets`, 'POST', XINHE.kiosk, { queueId: 'tax', terminalId: 'kiosk-01' });
    await send(`${dongba}/api/v1/tickets`, 'POST', DONGBA.kiosk, { queueId: 'comprehensive', terminalId: 'kiosk-01' });
    await expect.poll(() => heard, { timeout: 5000 }).toContain('ticket.issued A002');
    expect(heard).not.toContainEqual(expect.stringMatching(/C001/));
    board.close();

    // The cluster's own address says which halls it serves; an unknown hall is named as such, in Chinese first.
    const health = await send(`${url}/api/v1/health`, 'GET', undefined);
    expect(health.body).toMatchObject({
      service: 'onewindow-hall-cluster',
      halls: [
        { id: 'xinhe', path: '/halls/xinhe', hallName: '新河镇便民服务中心' },
        { id: 'dongba', path: '/halls/dongba', hallName: '东坝镇便民服务中心' },
      ],
    });
    const unknown = await send(`${url}/halls/xihe/api/v1/queues`, 'GET', XINHE.kiosk);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.message).toMatch(/^本服务器没有这个大厅：\/halls\/xihe/);
  });

  it('gives each hall its own enrolment codes, terminals and chained log', async () => {
    const { xinhe, dongba, stores } = await startCluster(engine);
    const store = stores.stores.get('xinhe')!;
    const registry = createTerminalRegistry(
      store,
      XINHE.config.terminals,
      createEventLog(store, () => new Date()),
      () => new Date(),
    );
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null });
    // Tried at the other hall first: the code is 新河's alone, and is still good there afterwards.
    const elsewhere = await send(`${dongba}/api/v1/terminals/enrol`, 'POST', undefined, { code, terminalId: 'kiosk-02' });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
    const enrolled = await send(`${xinhe}/api/v1/terminals/enrol`, 'POST', undefined, { code, terminalId: 'kiosk-02' });
    expect(enrolled.status).toBe(200);
    const token = String(enrolled.body.token);
    expect((await send(`${xinhe}/api/v1/queues`, 'GET', token)).status).toBe(200);
    expect((await send(`${dongba}/api/v1/queues`, 'GET', token)).status).toBe(401);

    const entries = async (hall: string) =>
      (await stores.stores.get(hall)!.all<{ type: string }>('SELECT type FROM hall_events ORDER BY seq')).map((row) => row.type);
    expect(await entries('xinhe')).toContain('terminal.enrolled');
    expect(await entries('dongba')).not.toContain('terminal.enrolled');
  });

  it.runIf(engine === 'postgresql')('keeps each hall in its own schema of the one database', async () => {
    const { stores } = await startCluster(engine);
    const schemas = await stores.stores
      .get('xinhe')!
      .all<{ table_schema: string }>("SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'tickets' ORDER BY 1");
    expect(schemas.map((row) => row.table_schema)).toEqual([hallSchemaName('dongba'), hallSchemaName('xinhe')]);
  });

  it('is reached by a terminal as a hall alone is: its hall.url is the cluster’s address with the hall’s path', async () => {
    const { xinhe } = await startCluster(engine);
    const hall = createHallClient(`${xinhe}/`, 'kiosk-01', () => XINHE.kiosk);
    const heard: string[] = [];
    let following: () => void = () => undefined;
    const followed = new Promise<void>((resolve) => (following = resolve));
    const events = followHallEvents(createHallEndpoints([xinhe]), () => XINHE.kiosk, {
      event: (event) => heard.push(`${event.type} ${event.ticket?.ticketNumber ?? ''}`.trim()),
      resync: () => following(),
      connected: () => undefined,
    });
    events.start();
    try {
      await expect.poll(async () => (await hall.health()).hallName).toBe('新河镇便民服务中心');
      await followed;
      expect((await hall.issueTicket('comprehensive', {}, randomUUID())).ticketNumber).toBe('A001');
      await expect.poll(() => heard, { timeout: 5000 }).toContain('ticket.issued A001');
      expect((await hall.snapshot()).queues.find((queue) => queue.id === 'comprehensive')?.waiting).toBe(1);
    } finally {
      events.stop();
    }
  });
});
