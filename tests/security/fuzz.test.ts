import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type Events, type Methods } from '../../src/shared/contract.js';
import { hallApi, ticketPage } from '../../src/shared/hall-api.js';
import { platformApi } from '../../src/shared/platform-api.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { RPC_ROLES } from '../../src/shared/roles.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { fuzzInput, fuzzRequest, startFuzzTargets } from '../helpers/fuzz.js';
import { testTerminalConfig } from '../helpers/terminal.js';

/** Every endpoint and every RPC method, fed garbage: a 4xx or a typed error each time, never a 5xx or an internal error. */
const RUNS = Number(process.env.ONEWINDOW_FUZZ_RUNS ?? 60);

let targets: Awaited<ReturnType<typeof startFuzzTargets>>;
let host: TerminalHost;

beforeAll(async () => {
  targets = await startFuzzTargets();
  host = createTerminalHost({
    config: testTerminalConfig('counter', targets.hallUrl, targets.platformUrl, {
      idcard: { kind: 'simulated' },
      scanner: { kind: 'simulated' },
    }),
    version: 'fuzz',
    linkCheckIntervalMs: 60_000,
  });
});
afterAll(async () => {
  await host.stop();
  await targets.close();
});

describe('fuzzing', () => {
  it.each(Object.entries(platformApi))('platform %s answers garbage with a 4xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(fuzzInput, async (input) => {
        expect(await fuzzRequest(targets.platformUrl, route, input, targets.token)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it('platform progress answers a kiosk’s garbage with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzInput, async (input) => {
        expect(await fuzzRequest(targets.platformUrl, platformApi.progress, input, targets.kioskToken)).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it.each(Object.entries({ ...hallApi, ticketPage }))('hall %s answers garbage with a 4xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(fuzzInput, async (input) => {
        expect(await fuzzRequest(targets.hallUrl, route, input, null)).toBeLessThan(500);
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
