import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { hallApi } from '../../src/shared/hall-api.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { SettingsViewSchema, type ConsoleSettings, type SettingsView } from '../../src/shared/hall-settings.js';
import { ConsoleTerminalListSchema } from '../../src/shared/console-terminals.js';
import { TEST_CLERK, TEST_HALL, TEST_HALL_WITH_CLERK, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { useHallServers, useHallServersOnEachEngine, type RunningHall } from '../helpers/hall-http.js';
import { HALL_ENGINES } from '../helpers/hall-store.js';
import { describe } from 'vitest';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const sha = (token: string) => createHash('sha256').update(token).digest('hex');
const BOARD_TOKEN = 'board-token-settings-0123';
/** The test hall with its API closed (a board listed), so the console's routes can be tried with a terminal's token. */
const CLOSED_HALL: HallConfig = { ...TEST_HALL_WITH_CLERK, terminals: [{ id: 'board-01', role: 'board', tokenSha256: sha(BOARD_TOKEN) }] };

async function console(hall: RunningHall, account?: { id: string; password: string }) {
  const cookie = await managerCookie(hall.base, account);
  const send = (path: string, body?: unknown) => consoleCall(hall.base, cookie, path, body);
  const view = async (): Promise<SettingsView> => SettingsViewSchema.parse((await send(hallApi.settings.path)).body);
  /** The settings in force changed by `change`, as the console's editor sends them. */
  const edited = async (change: (settings: ConsoleSettings) => void) => {
    const { version, settings } = await view();
    change(settings);
    return { baseVersion: version, settings };
  };
  return { send, view, edited };
}

const TAXI = { id: 'taxi', name: '出租车营运证', prefix: 'T', maxPerDay: 999, idRequired: false, openPerId: 1, perIdPerDay: 2 };

eachEngine('the hall settings on the console', () => {
  it('adds a queue and a window that a kiosk and a counter use at once, after a diff; in the chained log; undone on request', async () => {
    const hall = await startHall(TEST_HALL);
    const { send, view, edited } = await console(hall);
    const first = await view();
    expect(first.version).toBe(1);
    expect(first.history).toMatchObject([{ version: 1, source: 'file', manager: null, changes: [] }]);
    expect((await hall.post('/api/v1/tickets', { queueId: 'taxi', terminalId: 'k1' })).status).toBe(404);

    const edit = await edited((settings) => {
      settings.queues.push(TAXI);
      settings.windows.push({ number: 9, name: '交通专窗', queues: [{ queueId: 'taxi', weight: 1 }] });
      settings.calling.maxRecalls = 2;
    });
    const preview = await send(hallApi.previewSettings.path, edit);
    expect(preview.status).toBe(200);
    // A queue that needs no ID card: its per-card limits are not worth a line.
    expect(JSON.stringify(preview.body.changes)).not.toContain('perIdPerDay');
    expect(preview.body.changes).toEqual([
      expect.objectContaining({ section: 'queues', key: 'taxi', label: '出租车营运证', kind: 'added' }),
      {
        section: 'windows',
        key: '9',
        label: '交通专窗',
        kind: 'added',
        fields: expect.arrayContaining([{ field: 'queues', from: null, to: '出租车营运证' }]),
      },
      { section: 'calling', key: null, label: null, kind: 'changed', fields: [{ field: 'maxRecalls', from: '3', to: '2' }] },
    ]);
    // The test hall's 快速通道 has no window, before and after; the new queue has one.
    expect(preview.body.warnings).toEqual([expect.stringContaining('没有窗口办理“快速通道”')]);
    const unserved = await send(hallApi.previewSettings.path, await edited((settings) => settings.queues.push(TAXI)));
    expect(unserved.body.warnings).toContainEqual(expect.stringContaining('没有窗口办理“出租车营运证”：取到的号将无人叫号'));
    // A preview changes nothing.
    expect((await view()).version).toBe(1);

    const applied = await send(hallApi.applySettings.path, edit);
    expect(applied.body).toMatchObject({ version: 2 });
    const issued = await hall.post('/api/v1/tickets', { queueId: 'taxi', terminalId: 'k1' });
    expect(issued.body).toMatchObject({ ticketNumber: 'T001', queueName: '出租车营运证' });
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 9 })).body).toMatchObject({ ticketNumber: 'T001' });
    const listed = (await fetch(`${hall.base}${hallApi.listQueues.path}`).then((reply) => reply.json())) as { queues: { id: string }[] };
    expect(listed.queues.map((queue) => queue.id)).toContain('taxi');

    const logged = await hall.store.all<{ type: string; actor: string; payload: string }>(
      "SELECT type, actor, payload FROM hall_events WHERE type = 'hall.settingsChanged' ORDER BY seq",
    );
    expect(logged.map((event) => [event.actor, JSON.parse(event.payload).settingsVersion])).toEqual([['manager:admin', 2]]);
    expect((await view()).history[0]).toMatchObject({ version: 2, source: 'console', manager: { id: 'admin', name: '赵主任' } });

    // Someone is at the window with a number of the queue: the change cannot be undone until they are served.
    const busy = await send(hallApi.undoSettings.path, { version: 2 });
    expect(busy.status).toBe(409);
    expect(JSON.stringify(busy.body)).toContain('出租车营运证还有 1 张号未办完');
    await hall.post('/api/v1/calls/finish', { windowNumber: 9 });
    const undone = await send(hallApi.undoSettings.path, { version: 2 });
    expect(undone.body).toMatchObject({ version: 3 });
    expect((await view()).settings.queues.map((queue) => queue.id)).toEqual(['comprehensive', 'tax', 'tiny']);
    expect((await view()).history[0]).toMatchObject({ version: 3, source: 'undo', undoes: 2 });
    expect((await send(hallApi.undoSettings.path, { version: 2 })).status).toBe(409);
  });

  it('refuses a stale edit, a queue with people in line, a prefix given today, a bad window, and anyone but a manager', async () => {
    const hall = await startHall(CLOSED_HALL);
    const { send, edited } = await console(hall);
    const stale = await edited((settings) => void (settings.greenChannelAge = 75));
    expect((await send(hallApi.applySettings.path, stale)).status).toBe(200);
    const again = await send(hallApi.applySettings.path, stale);
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain('请刷新后重做修改');

    const token = { authorization: `Bearer ${BOARD_TOKEN}` };

    const open = await startHall(TEST_HALL);
    const manager = await console(open);
    await open.post('/api/v1/tickets', { queueId: 'tiny', terminalId: 'k1' });
    const removeBusy = await manager.edited((settings) => {
      settings.queues = settings.queues.filter((queue) => queue.id !== 'tiny');
    });
    const refused = await manager.send(hallApi.previewSettings.path, removeBusy);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('快速通道还有 1 张号未办完');

    const reusePrefix = await manager.edited((settings) => {
      settings.queues.find((queue) => queue.id === 'tiny')!.prefix = 'Q';
      settings.queues.find((queue) => queue.id === 'tax')!.prefix = 'K';
    });
    const repeated = await manager.send(hallApi.applySettings.path, reusePrefix);
    expect(repeated.status).toBe(409);
    expect(JSON.stringify(repeated.body)).toContain('号码前缀 K 今天已由其他队列发过号');

    const dangling = await manager.edited((settings) => {
      settings.windows.push({ number: 8, name: '新窗口', queues: [{ queueId: 'nosuch', weight: 1 }] });
    });
    const invalid = await manager.send(hallApi.applySettings.path, dangling);
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('没有编号为 nosuch 的队列');

    const supervisor = await console(hall, TEST_SUPERVISOR);
    expect((await supervisor.send(hallApi.settings.path)).status).toBe(200);
    expect((await supervisor.send(hallApi.applySettings.path, await supervisor.edited(() => undefined))).status).toBe(403);
    for (const route of [hallApi.settings, hallApi.consoleTerminals]) {
      const reply = await fetch(`${hall.base}${route.path}`, { headers: token });
      expect(reply.status).toBe(401);
    }
  });

  it('adds a clerk with a PIN, resets a PIN, and a disabled clerk is logged out and let in no more', async () => {
    const hall = await startHall(TEST_HALL_WITH_CLERK);
    const { send, edited, view } = await console(hall);
    expect((await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin })).status).toBe(200);
    const noPin = await edited((settings) => settings.clerks.push({ id: 'c002', name: '王强', disabled: false, cardLinked: false }));
    const refused = await send(hallApi.applySettings.path, noPin);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('新工作人员 c002 须设置 PIN');

    const added = await edited((settings) =>
      settings.clerks.push({ id: 'c002', name: '王强', disabled: false, cardLinked: false, newPin: '1357' }),
    );
    const changes = (await send(hallApi.applySettings.path, added)).body.changes;
    expect(changes).toEqual([
      {
        section: 'clerks',
        key: 'c002',
        label: '王强',
        kind: 'added',
        fields: [
          { field: 'name', from: null, to: '王强' },
          { field: 'pinHash', from: null, to: null },
        ],
      },
    ]);
    expect(JSON.stringify(await view())).not.toContain('scrypt');
    expect((await hall.post('/api/v1/clerks/login', { windowNumber: 2, clerkId: 'c002', pin: '1357' })).status).toBe(200);

    const reset = await edited((settings) => {
      const clerk = settings.clerks.find((each) => each.id === 'c002')!;
      clerk.newPin = '8642';
    });
    expect((await send(hallApi.applySettings.path, reset)).body.changes).toEqual([
      { section: 'clerks', key: 'c002', label: '王强', kind: 'changed', fields: [{ field: 'pinHash', from: null, to: null }] },
    ]);
    await hall.post('/api/v1/clerks/logout', { windowNumber: 2 });
    const oldPin = await hall.post('/api/v1/clerks/login', { windowNumber: 2, clerkId: 'c002', pin: '1357' });
    expect(JSON.stringify(oldPin.body)).toContain('工号或密码不正确');
    expect((await hall.post('/api/v1/clerks/login', { windowNumber: 2, clerkId: 'c002', pin: '8642' })).status).toBe(200);

    const disable = await edited((settings) => void (settings.clerks.find((each) => each.id === TEST_CLERK.id)!.disabled = true));
    await send(hallApi.applySettings.path, disable);
    const windows = (await fetch(`${hall.base}/api/v1/snapshot`).then((reply) => reply.json())) as {
      windows: { number: number; clerk: unknown }[];
    };
    expect(windows.windows.find((window) => window.number === 5)!.clerk).toBeNull();
    const [loggedOut] = await hall.store.all<{ actor: string; payload: string }>(
      "SELECT actor, payload FROM hall_events WHERE type = 'clerk.loggedOut' ORDER BY seq DESC LIMIT 1",
    );
    expect(loggedOut!.actor).toBe('manager:admin');
    expect(JSON.parse(loggedOut!.payload)).toMatchObject({ windowNumber: 5, clerkId: TEST_CLERK.id });
    const shut = await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    expect(shut.status).toBe(409);
    expect(JSON.stringify(shut.body)).toContain('已停用');
  });

  it('keeps the settings over a restart, and an edited file wins again as a new version', async () => {
    const hall = await startHall(TEST_HALL, { durable: true });
    const manager = await console(hall);
    await manager.send(hallApi.applySettings.path, await manager.edited((settings) => settings.queues.push(TAXI)));
    await hall.stop();

    const same = await startHall(TEST_HALL, { reuse: hall.location });
    expect((await same.post('/api/v1/tickets', { queueId: 'taxi', terminalId: 'k1' })).status).toBe(200);
    expect((await (await console(same)).view()).version).toBe(2);
    // As an older release wrote them, before the warning days of the cards were a setting: an upgrade is no edit of the file.
    for (const row of await same.store.all<{ version: number; settings: string }>('SELECT version, settings FROM hall_settings')) {
      const { yellowCardWorkingDays: _added, ...older } = JSON.parse(row.settings) as Record<string, unknown>;
      await same.store.run(
        'UPDATE hall_settings SET settings = ?, file_sha256 = ? WHERE version = ?',
        JSON.stringify(older),
        'f'.repeat(64),
        row.version,
      );
    }
    await same.stop();
    const upgraded = await startHall(TEST_HALL, { reuse: hall.location });
    expect((await (await console(upgraded)).view()).version).toBe(2);
    expect((await upgraded.post('/api/v1/tickets', { queueId: 'taxi', terminalId: 'k1' })).status).toBe(200);
    await upgraded.stop();

    const edited = await startHall({ ...TEST_HALL, greenChannelAge: 80 }, { reuse: hall.location });
    const after = await (await console(edited)).view();
    expect(after.version).toBe(3);
    expect(after.settings.greenChannelAge).toBe(80);
    expect(after.settings.queues.map((queue) => queue.id)).not.toContain('taxi');
    expect(after.history[0]).toMatchObject({
      source: 'file',
      changes: expect.arrayContaining([expect.objectContaining({ key: 'taxi', kind: 'removed' })]),
    });
  });

  it('enrols a kiosk from the console with a one-time code, and revokes it', async () => {
    const hall = await startHall(CLOSED_HALL);
    const { send } = await console(hall);
    const code = await send(hallApi.consoleEnrol.path, { terminalId: 'kiosk-07', role: 'kiosk', window: null, validHours: 24 });
    expect(code.status).toBe(200);
    expect(code.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(ConsoleTerminalListSchema.parse((await send(hallApi.consoleTerminals.path)).body).terminals).toEqual([
      expect.objectContaining({ id: 'board-01', source: 'config' }),
      expect.objectContaining({ id: 'kiosk-07', source: 'code', codePendingUntil: code.body.expiresAt }),
    ]);
    const counterless = await send(hallApi.consoleEnrol.path, { terminalId: 'counter-9', role: 'counter', window: 42, validHours: 24 });
    expect(counterless.status).toBe(400);

    const enrolled = await hall.post(hallApi.enrol.path, { code: code.body.code, terminalId: 'kiosk-07' });
    const token = enrolled.body.token as string;
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'kiosk-07' }, token)).status).toBe(200);
    expect((await hall.post(hallApi.enrol.path, { code: code.body.code, terminalId: 'kiosk-07' })).status).toBe(401);

    const revoked = ConsoleTerminalListSchema.parse((await send(hallApi.consoleRevoke.path, { terminalId: 'kiosk-07' })).body);
    expect(revoked.terminals.find((terminal) => terminal.id === 'kiosk-07')).toMatchObject({
      source: 'registry',
      revokedAt: expect.any(String),
    });
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'kiosk-07' }, token)).status).toBe(401);
    const actors = await hall.store.all<{ type: string; actor: string }>(
      "SELECT type, actor FROM hall_events WHERE type IN ('terminal.codeIssued', 'terminal.revoked') ORDER BY seq",
    );
    expect(actors).toEqual([
      { type: 'terminal.codeIssued', actor: 'manager:admin' },
      { type: 'terminal.revoked', actor: 'manager:admin' },
    ]);
  });
});

describe.runIf(HALL_ENGINES.includes('postgresql'))('the hall settings on two servers of one hall', () => {
  const start = useHallServers();
  it('a change made on one server holds on the other at once', async () => {
    const first = await start(TEST_HALL, { engine: 'postgresql' });
    const second = await start(TEST_HALL, { engine: 'postgresql', reuse: first.location });
    const manager = await console(first);
    expect((await (await console(second)).view()).version).toBe(1);
    await manager.send(hallApi.applySettings.path, await manager.edited((settings) => settings.queues.push(TAXI)));
    await expect
      .poll(async () => (await second.post('/api/v1/tickets', { queueId: 'taxi', terminalId: 'k1' })).body.ticketNumber, { timeout: 5000 })
      .toBe('T001');
    const other = await console(second);
    expect((await other.view()).version).toBe(2);
    // An edit made on the first version is refused on either server; one on the second lands as the third.
    const stale = await other.send(hallApi.applySettings.path, { baseVersion: 1, settings: (await other.view()).settings });
    expect(stale.status).toBe(409);
    const next = await other.edited((settings) => void (settings.greenChannelAge = 75));
    expect((await other.send(hallApi.applySettings.path, next)).body).toMatchObject({ version: 3 });
  });
});
