import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHallServer } from '../../src/hall/server.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { readTlsFiles } from '../../src/http-server/tls.js';
import { createPlatformServer } from '../../src/platform/server.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { runTool } from '../helpers/run-cli.js';
import { selfSigned } from '../helpers/self-signed.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_KIOSK_PLATFORM_SECRET, testPlatformConfig } from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-terminal-tls-');

describe('a terminal talking to a hall and a platform that serve TLS', () => {
  it('issues a number, hears it on the event stream over wss, and asks the platform over HTTPS; without the CA it refuses to connect', async () => {
    const { cert, key } = selfSigned(tempDir());
    const tls = readTlsFiles(cert, key);
    const hall = createHallServer({
      config: TEST_HALL,
      store: createSqliteHallStore(openDatabase(':memory:', HALL_MIGRATIONS), ':memory:'),
      tls,
    });
    const platform = createPlatformServer({ config: testPlatformConfig(), dataDir: tempDir(), tls });
    await hall.listen({ port: 0, host: '127.0.0.1' });
    await platform.listen({ port: 0, host: '127.0.0.1' });
    const url = (server: typeof hall.server) => `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const args = [url(hall.server), url(platform.server), TEST_KIOSK_PLATFORM_SECRET];
      const trusted = await runTool('tests/helpers/terminal-over-tls.ts', args, { NODE_EXTRA_CA_CERTS: cert });
      const lines = trusted.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      // The ticket's reply and its event race each other: either may come first.
      expect(lines).toHaveLength(4);
      expect(lines).toEqual(
        expect.arrayContaining([{ hall: 'onewindow-hall' }, { issued: 'A001' }, { heard: 'A001' }, { platform: { cases: [] } }]),
      );

      const untrusted = await runTool('tests/helpers/terminal-over-tls.ts', args);
      expect(untrusted.code).toBe(1);
      expect(untrusted.stdout).toContain('无法连接大厅服务器');
    } finally {
      await hall.close();
      await platform.close();
    }
  }, 30_000);
});
