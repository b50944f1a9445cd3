import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { openHallStore } from '../../src/hall/hall-database.js';
import { createTerminalRegistry } from '../../src/hall/terminal-registry.js';
import { EnrolmentCodeSchema } from '../../src/shared/enrolment.js';
import { HallConfigSchema, type HallConfig } from '../../src/shared/hall-config.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { createHallCredentials } from '../../src/terminal/hall-credentials.js';
import { terminalSealer } from '../../src/terminal/terminal-secrets.js';
import { TERMINAL_MIGRATIONS } from '../../src/terminal/terminal-db.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';
import { HALL_ENGINES, useHallStores, type HallEngine } from '../helpers/hall-store.js';
import { runTool } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const openStore = useHallStores();
const tempDir = useTempDir('onewindow-enrol-');
const sha = (token: string) => createHash('sha256').update(token).digest('hex');
const CONFIG_TOKEN = 'board-token-0123456789';

const config: HallConfig = HallConfigSchema.parse({
  hallName: '测试大厅',
  queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
  windows: [{ number: 5, name: '税务', queues: [{ queueId: 'tax' }] }],
  terminals: [{ id: 'board-01', role: 'board', tokenSha256: sha(CONFIG_TOKEN) }],
});

async function startWithRegistry(hallConfig = config, now?: () => Date) {
  const hall = await startHall(hallConfig, { now });
  return {
    hall,
    registry: createTerminalRegistry(hall.store, hallConfig.terminals, createEventLog(hall.store, now ?? (() => new Date())), now),
  };
}

const issue = (hall: { post: (path: string, body: unknown, token?: string) => Promise<{ status: number }> }, token: string) =>
  hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x' }, token).then((reply) => reply.status);
const health = async (base: string, token: string) =>
  (await fetch(`${base}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } })).status;

eachEngine('enrolling a terminal with a one-time code', () => {
  it('gives the terminal a token for its role and window, once', async () => {
    const { hall, registry } = await startWithRegistry();
    const { code } = await registry.createEnrolmentCode({ id: 'counter-05', role: 'counter', window: 5 });
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);

    const enrolled = await hall.post('/api/v1/terminals/enrol', { code: code.toLowerCase(), terminalId: 'counter-05' });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toMatchObject({ terminalId: 'counter-05', role: 'counter', window: 5 });
    const token = enrolled.body.token as string;
    expect(await hall.store.get('SELECT token_sha256 FROM terminals WHERE id = ?', 'counter-05')).toEqual({ token_sha256: sha(token) });

    expect((await hall.post('/api/v1/calls/next', { windowNumber: 5 }, token)).status).toBe(409);
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 4 }, token)).status).toBe(403);
    const again = await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'counter-05' });
    expect(again.status).toBe(401);
    expect(again.body.error?.message).toContain('登记码无效、已使用或已过期');
  });

  it('refuses a code shown by another terminal and keeps it for the right one', async () => {
    const { hall, registry } = await startWithRegistry();
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null });
    const wrong = await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-03' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error?.message).toContain('不是为终端 kiosk-03 签发的');
    expect(wrong.body.error?.message).not.toContain('kiosk-02');
    expect((await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-02' })).status).toBe(200);
  });

  it('refuses an expired code, and a malformed one with what a code looks like', async () => {
    let clock = new Date('2026-11-27T02:00:00Z');
    const { hall, registry } = await startWithRegistry(config, () => clock);
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null }, 1);
    clock = new Date('2026-11-27T03:00:01Z');
    expect((await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-02' })).status).toBe(401);
    const malformed = await hall.post('/api/v1/terminals/enrol', { code: 'ABC', terminalId: 'kiosk-02' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.message).toContain('登记码为 16 位字母或数字');
  });

  it('closes a hall that was open for development once a terminal enrols', async () => {
    const open = HallConfigSchema.parse({ ...config, terminals: [] });
    const { hall, registry } = await startWithRegistry(open);
    expect(await issue(hall, 'anything-at-all-000')).toBe(200);
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null });
    const token = (await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-02' })).body.token as string;
    expect(await issue(hall, 'anything-at-all-000')).toBe(401);
    expect(await issue(hall, token)).toBe(200);
  });
});

eachEngine('rotating a token', () => {
  it('keeps the old token until the new one is first used, then only the new one works', async () => {
    const { hall, registry } = await startWithRegistry();
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-02', role: 'kiosk', window: null });
    const old = (await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'kiosk-02' })).body.token as string;

    const rotated = await hall.post('/api/v1/terminals/token', {}, old);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.token as string;
    expect(fresh).not.toBe(old);
    expect(await issue(hall, old)).toBe(200);
    expect((await registry.list()).find((t) => t.id === 'kiosk-02')?.rotationPending).toBe(true);

    expect(await issue(hall, fresh)).toBe(200);
    expect(await issue(hall, old)).toBe(401);
    expect((await registry.list()).find((t) => t.id === 'kiosk-02')).toMatchObject({
      rotationPending: false,
      rotatedAt: expect.any(String),
    });
  });

  it('moves a terminal listed in the config into the registry: its config token ends with its first new token', async () => {
    const { hall } = await startWithRegistry();
    const fresh = (await hall.post('/api/v1/terminals/token', {}, CONFIG_TOKEN)).body.token as string;
    expect(await health(hall.base, CONFIG_TOKEN)).toBe(200);
    expect(await health(hall.base, fresh)).toBe(200);
    expect(await health(hall.base, CONFIG_TOKEN)).toBe(401);
  });
});

eachEngine('revoking a terminal', () => {
  it('refuses its token at once and closes its event stream within seconds', async () => {
    const { hall, registry } = await startWithRegistry();
    const socket = new WebSocket(`${hall.base.replace('http', 'ws')}/api/v1/events`, {
      headers: { authorization: `Bearer ${CONFIG_TOKEN}` },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));

    await registry.revoke('board-01');
    expect(await health(hall.base, CONFIG_TOKEN)).toBe(401);
    expect(await closed).toBe(4401);
    expect(await registry.list()).toEqual([expect.objectContaining({ id: 'board-01', revokedAt: expect.any(String) })]);
  });

  it('says which ids exist when asked to revoke an unknown one, and re-enrolment with a new code lifts a revocation', async () => {
    const { hall, registry } = await startWithRegistry();
    await expect(registry.revoke('nobody')).rejects.toThrow('没有编号为 nobody 的终端');
    await registry.revoke('board-01');
    const { code } = await registry.createEnrolmentCode({ id: 'board-01', role: 'board', window: null });
    const token = (await hall.post('/api/v1/terminals/enrol', { code, terminalId: 'board-01' })).body.token as string;
    expect(await health(hall.base, token)).toBe(200);
    expect(await health(hall.base, CONFIG_TOKEN)).toBe(401);
  });
});

const HALL_KEY = 'ab'.repeat(32);

const run = (script: string, args: string[]) => runTool(script, args, { ONEWINDOW_HALL_KEY: HALL_KEY });
/** Where the admin tool finds the hall's database: the (encrypted) SQLite file, or the PostgreSQL database. */
const databaseArgs = (engine: HallEngine, location: string) => (engine === 'sqlite' ? ['--db', location] : ['--database', location]);

describe.each(HALL_ENGINES)('the administrator and the technician, with the command-line tools on %s', (engine) => {
  it('enrols a kiosk: the admin tool prints a code, the terminal tool trades it and keeps the token in the terminal database', async () => {
    const dir = tempDir();
    const hallConfigFile = join(dir, 'hall.json');
    writeFileSync(hallConfigFile, JSON.stringify({ ...config, terminals: config.terminals }));
    // On SQLite an encrypted file, under the key the admin tool is given.
    const hall = await startHall(config, { engine, durable: true, key: Buffer.from(HALL_KEY, 'hex') });
    const hallDb = databaseArgs(engine, hall.location);

    const admin = await run('src/hall/admin-cli.ts', [
      '--config',
      hallConfigFile,
      ...hallDb,
      'enrol',
      '--id',
      'kiosk-09',
      '--role',
      'kiosk',
    ]);
    expect(admin.stderr).toBe('');
    const code = /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/.exec(admin.stdout)?.[0];
    expect(code).toBeDefined();

    const terminalConfigFile = join(dir, 'kiosk.json');
    writeFileSync(
      terminalConfigFile,
      JSON.stringify({
        terminalId: 'kiosk-09',
        role: 'kiosk',
        hallName: '测试大厅',
        hall: { url: hall.base },
        platform: { url: 'http://127.0.0.1:9' },
        dataDir: join(dir, 'kiosk'),
      }),
    );
    const enrol = await run('src/terminal/enrol-cli.ts', ['--config', terminalConfigFile, '--code', code!]);
    expect(enrol.stdout).toContain('已登记 / enrolled: kiosk-09 as kiosk');
    expect(enrol.code).toBe(0);
    const reused = await run('src/terminal/enrol-cli.ts', ['--config', terminalConfigFile, '--code', code!]);
    expect(reused.code).toBe(2);
    expect(reused.stderr).toContain('登记码无效、已使用或已过期');

    const terminalDb = openDatabase(join(dir, 'kiosk', 'terminal.db'), TERMINAL_MIGRATIONS);
    const token = createHallCredentials(terminalDb, undefined, terminalSealer(join(dir, 'kiosk'))).token()!;
    terminalDb.close();
    expect(await health(hall.base, token)).toBe(200);

    const list = await run('src/hall/admin-cli.ts', ['--config', hallConfigFile, ...hallDb, 'list']);
    expect(list.stdout).toMatch(/kiosk-09\s+kiosk\s+-\s+· 登记 enrolled \d{4}-\d{2}-\d{2} \d{2}:\d{2} · 在用 active\n/);
    expect(list.stdout).toMatch(/board-01\s+board\s+-\s+· 列于大厅配置 listed in the hall config · 在用 active\n/);
    const revoked = await run('src/hall/admin-cli.ts', ['--config', hallConfigFile, ...hallDb, 'revoke', 'kiosk-09']);
    expect(revoked.stdout).toContain('已吊销 / revoked: kiosk-09');
    expect(await health(hall.base, token)).toBe(401);
    // The terminal each event names, read from its payload here: SQLite's json_extract is not PostgreSQL's.
    const terminalEvents = await hall.store.all<{ type: string; actor: string; payload: string }>(
      `SELECT type, actor, payload FROM hall_events WHERE type LIKE 'terminal.%' ORDER BY seq`,
    );
    expect(
      terminalEvents.map(({ type, actor, payload }) => ({
        type,
        actor,
        terminal: (JSON.parse(payload) as { terminalId?: string }).terminalId,
      })),
    ).toEqual([
      { type: 'terminal.codeIssued', actor: 'hall-admin', terminal: 'kiosk-09' },
      { type: 'terminal.enrolled', actor: 'kiosk-09', terminal: 'kiosk-09' },
      { type: 'terminal.revoked', actor: 'hall-admin', terminal: 'kiosk-09' },
    ]);
  });

  it('lists when each terminal was enrolled, rotated and revoked, in the hall’s local time', async () => {
    const dir = tempDir();
    const hallConfigFile = join(dir, 'hall.json');
    writeFileSync(hallConfigFile, JSON.stringify(config));
    // 2026-11-27 09:05 and 10:20 in Beijing.
    let now = new Date('2026-11-27T01:05:00Z');
    // On SQLite the encrypted file, opened with the key in the environment as the admin tool opens it.
    let location = join(dir, 'hall.db');
    let store: HallStore;
    if (engine === 'sqlite') store = await openHallStore({ file: location }, { ONEWINDOW_HALL_KEY: HALL_KEY });
    else ({ store, location } = await openStore(engine));
    const registry = createTerminalRegistry(
      store,
      config.terminals,
      createEventLog(store, () => now),
      () => now,
    );
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-09', role: 'kiosk', window: null });
    await registry.enrol(EnrolmentCodeSchema.parse(code), 'kiosk-09');
    now = new Date('2026-11-27T02:20:00Z');
    await registry.terminalOf(await registry.rotate('kiosk-09'));
    await registry.revoke('board-01');
    await store.close();

    const list = await run('src/hall/admin-cli.ts', ['--config', hallConfigFile, ...databaseArgs(engine, location), 'list']);
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain('times are local to Asia/Shanghai');
    expect(list.stdout).toMatch(
      /kiosk-09\s+kiosk\s+-\s+· 登记 enrolled 2026-11-27 09:05 · 令牌更换 token rotated 2026-11-27 10:20 · 在用 active\n/,
    );
    expect(list.stdout).toMatch(
      /board-01\s+board\s+-\s+· 列于大厅配置，记入登记表 listed in the hall config, in the registry since 2026-11-27 10:20 · 已吊销 revoked 2026-11-27 10:20\n/,
    );
    expect(list.stdout).not.toMatch(/T\d{2}:\d{2}/);
  });

  it("refuses an enrolment for a counter without one of the hall's windows", async () => {
    const dir = tempDir();
    const hallConfigFile = join(dir, 'hall.json');
    writeFileSync(hallConfigFile, JSON.stringify(config));
    const location = engine === 'sqlite' ? join(dir, 'hall.db') : (await openStore(engine)).location;
    const admin = await run('src/hall/admin-cli.ts', [
      '--config',
      hallConfigFile,
      ...databaseArgs(engine, location),
      'enrol',
      '--id',
      'counter-07',
      '--role',
      'counter',
      '--window',
      '7',
    ]);
    expect(admin.code).toBe(2);
    expect(admin.stderr).toContain('窗口终端须用 --window 指定本厅已有的窗口号（5）');
  });
});
