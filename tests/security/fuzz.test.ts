import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createHallServer } from '../../src/hall/server.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { methods, type Events, type Methods } from '../../src/shared/contract.js';
import { hallApi } from '../../src/shared/hall-api.js';
import { platformApi } from '../../src/shared/platform-api.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { RPC_ROLES } from '../../src/shared/roles.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { fuzzInput, fuzzRequest } from '../helpers/fuzz.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { TEST_PLATFORM_SECRET, testTerminalConfig } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every endpoint and every RPC method, fed garbage: a 4xx or a typed error each time, never a 5xx or an internal error. */
const RUNS = Number(process.env.ONEWINDOW_FUZZ_RUNS ?? 60);
useTempDir();

let platform: TestPlatform;
let hall: ReturnType<typeof createHallServer>;
let hallUrl: string;
let token: string;
let host: TerminalHost;

beforeAll(async () => {
  platform = await startTestPlatform(mkdtempSync(join(tmpdir(), 'onewindow-fuzz-')));
  hall = createHallServer({ config: TEST_HALL, db: openDatabase(':memory:', HALL_MIGRATIONS) });
  await hall.listen({ port: 0, host: '127.0.0.1' });
  hallUrl = `http://127.0.0.1:${(hall.server.address() as AddressInfo).port}`;
  const issued = await fetch(`${platform.url}/api/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ terminalId: 'counter-t', secret: TEST_PLATFORM_SECRET }) });
  token = ((await issued.json()) as { token: string }).token;
  host = createTerminalHost({ config: testTerminalConfig('counter', hallUrl, platform.url, { idcard: { kind: 'simulated' }, scanner: { kind: 'simulated' } }), version: 'fuzz', linkCheckIntervalMs: 60_000 });
});
afterAll(async () => {
  await host.stop();
  await hall.close();
  await platform.close();
});

describe('fuzzing', () => {
  it.each(Object.entries(platformApi))('platform %s answers garbage with a 4xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(fuzzInput, async (input) => {
        expect(await fuzzRequest(platform.url, route, input, token)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(Object.entries(hallApi))('hall %s answers garbage with a 4xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(fuzzInput, async (input) => {
        expect(await fuzzRequest(hallUrl, route, input, null)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('every RPC method answers garbage with a typed error, never an internal one, for every role', async () => {
    const internal: string[] = [];
    for (const role of RPC_ROLES) {
      const [server, client] = createMemoryTransportPair();
      host.rpc.connect(server, role);
      const rpc = createRpcClient<Methods, Events>(client, { timeoutMs: 10_000 });
      for (const method of Object.keys(methods) as (keyof Methods)[]) {
        await fc.assert(
          fc.asyncProperty(fc.jsonValue(), async (input) => {
            try {
              await rpc.invoke(method, input as never);
            } catch (error) {
              if ((error as { code?: string }).code === 'INTERNAL') internal.push(`${role} ${method} ${JSON.stringify(input)}`);
            }
          }),
          { numRuns: Math.max(5, Math.round(RUNS / 6)) },
        );
      }
    }
    expect(internal).toEqual([]);
  }, 180_000);
});
