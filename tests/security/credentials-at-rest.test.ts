import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { openHallDatabase } from '../../src/hall/hall-database.js';
import { createTerminalRegistry } from '../../src/hall/terminal-registry.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { TerminalConfigSchema } from '../../src/shared/terminal-config.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { caseKeyFromEnvironment } from '../../src/terminal/cases/case-key.js';
import { createHallCredentials } from '../../src/terminal/hall-credentials.js';
import { createTerminalHost } from '../../src/terminal/host.js';
import { TERMINAL_MIGRATIONS } from '../../src/terminal/terminal-db.js';
import { terminalSealer } from '../../src/terminal/terminal-secrets.js';
import { useHallServers } from '../helpers/hall-http.js';
import { runTool } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

/**
 * An enrolled terminal's hall token, read off its disk: it must not be there in clear, in the database
 * or its WAL, and nothing the terminal or the hall writes may be readable by other users, whatever the umask.
 */
const startHall = useHallServers();
const tempDir = useTempDir('onewindow-at-rest-');
const config = HallConfigSchema.parse({ hallName: '测试大厅', queues: [{ id: 'tax', name: '税务', prefix: 'C' }] });
let umask: number;
beforeAll(() => {
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
});

function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name));
}
const modeOf = (path: string) => `0${(statSync(path).mode & 0o777).toString(8)}`;
const holds = (file: string, secret: string) => readFileSync(file).includes(Buffer.from(secret));

function kioskConfig(dir: string, hallUrl: string) {
  return TerminalConfigSchema.parse({
    terminalId: 'kiosk-09',
    role: 'kiosk',
    hallName: '测试大厅',
    hall: { url: hallUrl },
    platform: { url: 'http://127.0.0.1:9' },
    dataDir: dir,
  });
}

describe('credentials at rest', () => {
  it('keeps an enrolled token sealed in terminal.db and its WAL, and every file the terminal makes 0600 (umask 022)', async () => {
    const hall = await startHall(config);
    const registry = createTerminalRegistry(
      hall.store,
      [],
      createEventLog(hall.store, () => new Date()),
    );
    const { code } = await registry.createEnrolmentCode({ id: 'kiosk-09', role: 'kiosk', window: null });
    const dir = join(tempDir(), 'kiosk');
    const file = join(tempDir(), 'kiosk.json');
    writeFileSync(file, JSON.stringify(kioskConfig(dir, hall.base)));
    const enrolled = await runTool('src/terminal/enrol-cli.ts', ['--config', file, '--code', code]);
    expect(enrolled.code).toBe(0);

    const host = createTerminalHost({ config: kioskConfig(dir, hall.base), version: 'test', linkCheckIntervalMs: 60_000 });
    const db = openDatabase(join(dir, 'terminal.db'), TERMINAL_MIGRATIONS);
    const token = createHallCredentials(db, undefined, terminalSealer(dir)).token()!;
    db.close();
    expect(token).toMatch(/.{20,}/);
    // The host works with it: the hall knows this terminal by the token it unsealed.
    await expect(
      fetch(`${hall.base}/api/v1/health`, { headers: { authorization: `Bearer ${token}` } }).then((reply) => reply.status),
    ).resolves.toBe(200);
    // While the host has the database open its WAL is there too: neither holds the token.
    expect(existsSync(join(dir, 'terminal.db-wal'))).toBe(true);
    for (const path of everything(dir)) {
      if (statSync(path).isDirectory()) expect(modeOf(path), path).toBe('0700');
      else {
        expect(modeOf(path), path).toBe('0600');
        expect(holds(path, token), path).toBe(false);
      }
    }
    await host.stop();
  });

  it('seals a token an earlier version kept in clear on the first start, and the terminal stays enrolled', () => {
    const dir = tempDir();
    const legacy = openDatabase(join(dir, 'terminal.db'), TERMINAL_MIGRATIONS);
    const token = randomBytes(24).toString('base64url');
    legacy.prepare('INSERT INTO credentials (name, value, saved_at) VALUES (?, ?, ?)').run('hall.token', token, '2026-11-01T00:00:00.000Z');
    legacy.close();
    expect(holds(join(dir, 'terminal.db'), token)).toBe(true);

    const db = openDatabase(join(dir, 'terminal.db'), TERMINAL_MIGRATIONS);
    const credentials = createHallCredentials(db, undefined, terminalSealer(dir));
    expect(credentials.token()).toBe(token);
    const stored = db.prepare("SELECT value, saved_at FROM credentials WHERE name = 'hall.token'").get() as {
      value: string;
      saved_at: string;
    };
    expect(stored.value).not.toContain(token);
    expect(stored.saved_at).toBe('2026-11-01T00:00:00.000Z');
    for (const file of ['terminal.db', 'terminal.db-wal'].map((name) => join(dir, name)).filter((path) => existsSync(path)))
      expect(holds(file, token), file).toBe(false);
    db.close();
    expect(holds(join(dir, 'terminal.db'), token)).toBe(false);
    expect(createHallCredentials(openDatabase(join(dir, 'terminal.db'), TERMINAL_MIGRATIONS), undefined, terminalSealer(dir)).token()).toBe(
      token,
    );
  });

  it('refuses a key file its group or others may read, saying how to fix it', () => {
    const dir = tempDir();
    const keyFile = join(dir, 'hall.key');
    writeFileSync(keyFile, randomBytes(32).toString('hex'));
    chmodSync(keyFile, 0o644);
    const expected = `密钥文件 ${keyFile} 的权限过宽（0644），请执行 chmod 600 ${keyFile} / key file ${keyFile} is readable by others (0644): run chmod 600 ${keyFile}`;
    expect(() => openHallDatabase(join(dir, 'hall.db'), { keyFile }, {})).toThrow(expected);
    expect(() => caseKeyFromEnvironment({}, keyFile).load()).toThrow(expected);
    chmodSync(keyFile, 0o640);
    expect(() => caseKeyFromEnvironment({}, keyFile).load()).toThrow('（0640）');

    terminalSealer(dir);
    chmodSync(join(dir, 'secrets.key'), 0o604);
    expect(() => terminalSealer(dir)).toThrow(`密钥文件 ${join(dir, 'secrets.key')} 的权限过宽（0604）`);
    chmodSync(join(dir, 'secrets.key'), 0o600);
    expect(() => terminalSealer(dir)).not.toThrow();
  });

  it('makes the hall database, its WAL and key 0600 (umask 022)', async () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const hall = await startHall(config, { reuse: join(dir, 'data', 'hall.db'), key });
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    const files = everything(join(dir, 'data'));
    expect(files.map((path) => path.slice(dir.length))).toEqual(expect.arrayContaining(['/data/hall.db', '/data/hall.db-wal']));
    for (const path of files) expect(modeOf(path), path).toBe('0600');
    expect(modeOf(join(dir, 'data'))).toBe('0700');
  });
});
