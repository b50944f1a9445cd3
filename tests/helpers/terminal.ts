import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallServer } from '../../src/hall/server.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { PlatformConfigSchema, type PlatformConfig } from '../../src/platform/config.js';
import { createPlatformServer } from '../../src/platform/server.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { TerminalConfigSchema, type TerminalConfig } from '../../src/shared/terminal-config.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { TEST_HALL } from './hall-config.js';

export const TEST_PLATFORM_SECRET = 'test-counter-platform-secret';
/** A second counter of the test hall (综合出件), and a counter of another hall. */
export const TEST_SECOND_COUNTER = {
  id: 'counter-2t',
  secret: 'test-second-counter-platform-secret',
  window: { number: 5, name: '税务专窗' },
};
export const TEST_OTHER_HALL_COUNTER = { id: 'counter-xt', secret: 'test-other-hall-counter-secret' };
export const TEST_KIOSK_PLATFORM_SECRET = 'test-kiosk-platform-secret';
/** A board enrolled with the platform by mistake: it must see no case all the same. */
export const TEST_BOARD_PLATFORM = { id: 'board-t', secret: 'test-board-platform-secret' };
export const TEST_ADMIN_TOKEN = 'test-platform-admin-token';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The reference platform's configuration in tests: the test counters, kiosk and board enrolled, an admin token. */
export function testPlatformConfig(overrides: Partial<PlatformConfig> = {}): PlatformConfig {
  return PlatformConfigSchema.parse({
    terminals: [
      { id: 'counter-t', secretSha256: sha256(TEST_PLATFORM_SECRET), hall: 'test-hall', role: 'counter' },
      { id: TEST_SECOND_COUNTER.id, secretSha256: sha256(TEST_SECOND_COUNTER.secret), hall: 'test-hall', role: 'counter' },
      { id: 'kiosk-t', secretSha256: sha256(TEST_KIOSK_PLATFORM_SECRET), hall: 'test-hall', role: 'kiosk' },
      { id: TEST_OTHER_HALL_COUNTER.id, secretSha256: sha256(TEST_OTHER_HALL_COUNTER.secret), hall: 'other-hall', role: 'counter' },
      { id: TEST_BOARD_PLATFORM.id, secretSha256: sha256(TEST_BOARD_PLATFORM.secret), hall: 'test-hall', role: 'board' },
    ],
    adminTokenSha256: sha256(TEST_ADMIN_TOKEN),
    ...overrides,
  });
}

export interface TestHall {
  hallUrl: string;
  platformUrl: string;
  close(): Promise<void>;
}

/** A real hall server and reference platform on loopback ports, for the terminal's tests. */
export async function startTestHall(config: HallConfig = TEST_HALL, platformConfig: Partial<PlatformConfig> = {}): Promise<TestHall> {
  const hall = createHallServer({ config, store: createSqliteHallStore(openDatabase(':memory:', HALL_MIGRATIONS), ':memory:') });
  const platform = createPlatformServer({
    config: testPlatformConfig(platformConfig),
    dataDir: mkdtempSync(join(tmpdir(), 'onewindow-platform-')),
  });
  await hall.listen({ port: 0, host: '127.0.0.1' });
  await platform.listen({ port: 0, host: '127.0.0.1' });
  const url = (server: typeof hall.server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    hallUrl: url(hall.server),
    platformUrl: url(platform.server),
    close: async () => {
      await hall.close();
      await platform.close();
    },
  };
}

/**
 * A terminal's configuration for tests. A counter keeps cases, so it gets a data directory of its own
 * with a case store key file and the platform secret the test platform enrols.
 */
export function testTerminalConfig(
  role: TerminalConfig['role'],
  hallUrl: string,
  platformUrl: string,
  devices: unknown = {},
  /** Another counter than the usual one: its id, platform secret and window. */
  counter?: { id: string; secret: string; window: { number: number; name: string } },
): TerminalConfig {
  const isCounter = role === 'counter';
  const dataDir = isCounter ? mkdtempSync(join(tmpdir(), 'onewindow-counter-')) : ':memory:';
  if (isCounter) writeFileSync(join(dataDir, 'case-store.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
  return TerminalConfigSchema.parse({
    devices,
    dataDir,
    terminalId: counter?.id ?? `${role}-t`,
    role,
    hallName: '测试大厅',
    hall: { url: hallUrl },
    platform: { url: platformUrl, secret: isCounter ? (counter?.secret ?? TEST_PLATFORM_SECRET) : TEST_KIOSK_PLATFORM_SECRET },
    ...(isCounter
      ? { window: counter?.window ?? { number: 3, name: '综合受理' }, cases: { keyFile: join(dataDir, 'case-store.key') } }
      : {}),
  });
}
