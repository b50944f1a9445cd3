import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { hashPin } from '../../src/hall/pin-hash.js';
import { SESSION_IDLE_MS } from '../../src/hall/manager-sessions.js';
import { hallApi } from '../../src/shared/hall-api.js';
import type { HttpRoute } from '../../src/shared/http-route.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import { LIVE_WAIT_MS, LiveHallSchema, type LiveHall } from '../../src/shared/manager-console.js';
import { useHallServersOnEachEngine, type RunningHall } from '../helpers/hall-http.js';
import { managerLogin } from '../helpers/manager-login.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const sha = (token: string) => createHash('sha256').update(token).digest('hex');
const KIOSK_TOKEN = 'kiosk-token-0123456789abcdef';
const COUNTER_TOKEN = 'counter-token-0123456789abcdef';
const PASSWORD = await hashPin('hall-admin-2468');
const SUPERVISOR_PASSWORD = await hashPin('jiancha-1357');

function config() {
  return HallConfigSchema.parse({
    hallName: '测试大厅',
    queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
    windows: [{ number: 5, name: '税务', queues: [{ queueId: 'tax' }] }],
    terminals: [
      { id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(KIOSK_TOKEN) },
      { id: 'counter-05', role: 'counter', window: 5, tokenSha256: sha(COUNTER_TOKEN) },
    ],
    managers: [
      { id: 'admin', name: '赵主任', role: 'manager', passwordHash: PASSWORD },
      { id: 'jc01', name: '周监察', role: 'supervisor', passwordHash: SUPERVISOR_PASSWORD },
    ],
  });
}

const login = (hall: RunningHall, id = 'admin', password = 'hall-admin-2468') => managerLogin(hall.base, { id, password });

const getAs = (hall: RunningHall, path: string, headers: Record<string, string>) => fetch(`${hall.base}${path}`, { headers });

async function events(hall: RunningHall): Promise<(HallEvent & { actor: string })[]> {
  const rows = await hall.store.all<{ type: HallEvent['type']; actor: string; payload: string }>(
    'SELECT type, actor, payload FROM hall_events ORDER BY seq',
  );
  return rows.map((row) => ({ ...(JSON.parse(row.payload) as HallEvent), type: row.type, actor: row.actor }));
}

eachEngine("the hall's console", () => {
  it('logs a manager in with a password into an HttpOnly cookie, and every login, failure and logout is in the chained log', async () => {
    const hall = await startHall(config());
    const wrong = await login(hall, 'admin', 'guess');
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ error: { message: expect.stringContaining('账号或密码不正确，还可再试 4 次') } });
    expect(wrong.setCookie).toBeNull();
    const unknown = await login(hall, 'nobody', 'guess');
    expect(unknown.body).toMatchObject({ error: { message: expect.stringContaining('账号或密码不正确') } });

    const ok = await login(hall);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ manager: { id: 'admin', name: '赵主任', role: 'manager' } });
    expect(ok.setCookie).toMatch(/^onewindow_manager=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const session = await getAs(hall, hallApi.managerSession.path, { cookie: ok.cookie! });
    expect(await session.json()).toMatchObject({ manager: { id: 'admin' } });

    const out = await fetch(`${hall.base}${hallApi.managerLogout.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: ok.cookie! },
      body: '{}',
    });
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await getAs(hall, hallApi.managerSession.path, { cookie: ok.cookie! })).status).toBe(401);

    const logged = (await events(hall)).filter((event) => event.type.startsWith('manager.'));
    expect(logged.map((event) => [event.type, event.actor, event.managerId])).toEqual([
      ['manager.loginFailed', 'manager:admin', 'admin'],
      ['manager.loginFailed', 'manager:nobody', undefined],
      ['manager.loggedIn', 'manager:admin', 'admin'],
      ['manager.loggedOut', 'manager:admin', 'admin'],
    ]);
    // The password is in none of them, right or wrong.
    expect(JSON.stringify(logged)).not.toMatch(/guess|hall-admin-2468/);
  });

  it('locks an account after five wrong passwords, even for the right one', async () => {
    const hall = await startHall(config());
    for (let i = 0; i < 5; i++) await login(hall, 'admin', `wrong-${i}`);
    const locked = await login(hall);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ error: { code: 'LOGIN_LOCKED' } });
  });

  it('ends a session after 30 idle minutes; each use moves the end on', async () => {
    let clock = Date.parse('2026-12-03T02:00:00Z');
    const hall = await startHall(config(), { now: () => new Date(clock) });
    const { cookie } = await login(hall, 'jc01', 'jiancha-1357');
    clock += SESSION_IDLE_MS - 60_000;
    const used = await getAs(hall, hallApi.managerSession.path, { cookie: cookie! });
    expect(await used.json()).toMatchObject({ manager: { id: 'jc01', role: 'supervisor' } });
    clock += SESSION_IDLE_MS - 60_000;
    expect((await getAs(hall, hallApi.managerSession.path, { cookie: cookie! })).status).toBe(200);
    clock += SESSION_IDLE_MS + 1;
    const ended = await getAs(hall, hallApi.managerSession.path, { cookie: cookie! });
    expect(ended.status).toBe(401);
    expect(await ended.json()).toMatchObject({ error: { message: expect.stringContaining('请先登录管理台') } });
  });

  it("opens none of the console's routes to a terminal's token", async () => {
    const hall = await startHall(config());
    const consoleRoutes = Object.values(hallApi).filter((route: HttpRoute) => typeof route.authenticated === 'object');
    expect(consoleRoutes.map((route) => route.path)).toEqual(expect.arrayContaining([hallApi.liveHall.path, hallApi.stats.path]));
    for (const token of [KIOSK_TOKEN, COUNTER_TOKEN]) {
      for (const route of consoleRoutes) {
        const reply = await fetch(`${hall.base}${route.path}`, {
          method: route.method,
          headers: { authorization: `Bearer ${token}`, ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          body: route.method === 'GET' ? undefined : '{}',
        });
        expect(reply.status, `${route.method} ${route.path}`).toBe(401);
      }
    }
    // A made-up cookie is no session either.
    expect((await getAs(hall, hallApi.liveHall.path, { cookie: 'onewindow_manager=made-up' })).status).toBe(401);
  });

  it('shows the live hall and answers a console waiting on it as soon as the next event is published', async () => {
    const hall = await startHall(config());
    const { cookie } = await login(hall);
    const read = async (query = '') =>
      LiveHallSchema.parse(await (await getAs(hall, `${hallApi.liveHall.path}${query}`, { cookie: cookie! })).json());
    const first = await read();
    expect(first.queues).toEqual([expect.objectContaining({ id: 'tax', waiting: 0, oldestWaitingSince: null })]);
    expect(first.windows).toEqual([expect.objectContaining({ number: 5, current: null, servingSince: null })]);
    expect(first.terminals.map((terminal) => [terminal.id, terminal.listening])).toEqual([
      ['counter-05', false],
      ['kiosk-01', false],
    ]);

    // Waiting for what comes after `first`: answered by the ticket, well before the hall would give up waiting.
    const waited = read(`?after=${first.seq}`);
    const gaveUp = new Promise<'gave up'>((resolve) => setTimeout(() => resolve('gave up'), LIVE_WAIT_MS / 2));
    const issued = await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'kiosk-01' }, KIOSK_TOKEN);
    expect(issued.status).toBe(200);
    const next = (await Promise.race([waited, gaveUp])) as LiveHall | 'gave up';
    expect(next).not.toBe('gave up');
    const after = next as LiveHall;
    expect(after.seq).toBeGreaterThan(first.seq);
    expect(after.queues[0]).toMatchObject({ waiting: 1, oldestWaitingSince: issued.body.issuedAt });

    // A call: the window serves the ticket, since the call.
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 5 }, COUNTER_TOKEN)).status).toBe(200);
    const serving = await read();
    expect(serving.windows[0]).toMatchObject({ current: { ticketNumber: issued.body.ticketNumber }, servingSince: expect.any(String) });
    expect(serving.queues[0]).toMatchObject({ waiting: 0, oldestWaitingSince: null });

    // A hall that stops answers the console waiting on it, rather than wait out its 20 s.
    const waiting = getAs(hall, `${hallApi.liveHall.path}?after=${serving.seq}`, { cookie: cookie! });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await hall.stop();
    expect((await waiting).status).toBeLessThan(600);
  });
});
