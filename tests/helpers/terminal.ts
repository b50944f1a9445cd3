import type { AddressInfo } from 'node:net';
import { createHallServer } from '../../src/hall/server.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { createPlatformServer } from '../../src/platform/server.js';
import { TerminalConfigSchema, type TerminalConfig } from '../../src/shared/terminal-config.js';
import { TEST_HALL } from './hall-config.js';

export interface TestHall {
  hallUrl: string;
  platformUrl: string;
  close(): Promise<void>;
}

/** A real hall server and reference platform on loopback ports, for the terminal's tests. */
export async function startTestHall(): Promise<TestHall> {
  const hall = createHallServer({ config: TEST_HALL, db: openDatabase(':memory:', HALL_MIGRATIONS) });
  const platform = createPlatformServer();
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

export function testTerminalConfig(
  role: TerminalConfig['role'],
  hallUrl: string,
  platformUrl: string,
  devices: unknown = {},
): TerminalConfig {
  return TerminalConfigSchema.parse({
    devices,
    dataDir: ':memory:',
    terminalId: `${role}-t`,
    role,
    hallName: '测试大厅',
    hall: { url: hallUrl },
    platform: { url: platformUrl },
    ...(role === 'counter' ? { window: { number: 3, name: '综合受理' } } : {}),
  });
}
