import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHallServer } from '../src/hall/server.js';
import { HALL_MIGRATIONS } from '../src/hall/storage/migrations.js';
import { hallApi } from '../src/shared/hall-api.js';
import type { HttpRoute } from '../src/shared/http-route.js';
import { platformApi } from '../src/shared/platform-api.js';
import { openDatabase } from '../src/storage/sqlite.js';
import { fuzzInput, fuzzRequest } from '../tests/helpers/fuzz.js';
import { TEST_HALL } from '../tests/helpers/hall-config.js';
import { startTestPlatform } from '../tests/helpers/platform.js';
import { TEST_PLATFORM_SECRET } from '../tests/helpers/terminal.js';
import { writeResults } from './results-file.js';

const CASES = 10_000;

/** 10,000 garbage requests to every endpoint of the platform and the hall server; every 5xx counted. */
export async function benchFuzz(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-bench-fuzz-'));
  const platform = await startTestPlatform(dir);
  const hall = createHallServer({ config: TEST_HALL, db: openDatabase(':memory:', HALL_MIGRATIONS) });
  await hall.listen({ port: 0, host: '127.0.0.1' });
  const hallUrl = `http://127.0.0.1:${(hall.server.address() as AddressInfo).port}`;
  const issued = await fetch(`${platform.url}/api/v1/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ terminalId: 'counter-t', secret: TEST_PLATFORM_SECRET }) });
  const token = ((await issued.json()) as { token: string }).token;
  const perEndpoint: Record<string, { cases: number; serverErrors: number }> = {};
  const t0 = performance.now();
  try {
    const targets: [string, string, HttpRoute, string | null][] = [
      ...Object.entries(platformApi).map(([name, route]): [string, string, HttpRoute, string | null] => [`platform.${name}`, platform.url, route, token]),
      ...Object.entries(hallApi).map(([name, route]): [string, string, HttpRoute, string | null] => [`hall.${name}`, hallUrl, route, null]),
    ];
    for (const [name, url, route, bearer] of targets) {
      let serverErrors = 0;
      for (const input of fc.sample(fuzzInput, CASES)) if ((await fuzzRequest(url, route, input, bearer)) >= 500) serverErrors++;
      perEndpoint[name] = { cases: CASES, serverErrors };
    }
  } finally {
    await hall.close();
    await platform.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const total = Object.values(perEndpoint).reduce((sum, endpoint) => sum + endpoint.serverErrors, 0);
  return writeResults('fuzz', { endpoints: Object.keys(perEndpoint).length, casesPerEndpoint: CASES, seconds: Math.round((performance.now() - t0) / 1000), serverErrors: total, perEndpoint }, [
    { figure: 'serverErrors', limit: 0, unit: '5xx answers (at most)', met: total === 0 },
  ]);
}
