import fc from 'fast-check';
import { hallApi, ticketPage } from '../src/shared/hall-api.js';
import type { HttpRoute } from '../src/shared/http-route.js';
import { platformApi } from '../src/shared/platform-api.js';
import { fuzzInput, fuzzRequest, startFuzzTargets } from '../tests/helpers/fuzz.js';
import { writeResults } from './results-file.js';

const CASES = 10_000;

/** 10,000 garbage requests to every endpoint of the platform and the hall server; every 5xx counted. */
export async function benchFuzz(): Promise<string> {
  const servers = await startFuzzTargets();
  const perEndpoint: Record<string, { cases: number; serverErrors: number }> = {};
  const t0 = performance.now();
  try {
    const targets: [string, string, HttpRoute, string | null][] = [
      ...Object.entries(platformApi).map(([name, route]): [string, string, HttpRoute, string | null] => [
        `platform.${name}`,
        servers.platformUrl,
        route,
        servers.token,
      ]),
      ['platform.progress (kiosk)', servers.platformUrl, platformApi.progress, servers.kioskToken],
      ...Object.entries({ ...hallApi, ticketPage }).map(([name, route]): [string, string, HttpRoute, string | null] => [
        `hall.${name}`,
        servers.hallUrl,
        route,
        null,
      ]),
    ];
    for (const [name, url, route, bearer] of targets) {
      let serverErrors = 0;
      for (const input of fc.sample(fuzzInput, CASES)) if ((await fuzzRequest(url, route, input, bearer)) >= 500) serverErrors++;
      perEndpoint[name] = { cases: CASES, serverErrors };
    }
  } finally {
    await servers.close();
  }
  const total = Object.values(perEndpoint).reduce((sum, endpoint) => sum + endpoint.serverErrors, 0);
  return writeResults(
    'fuzz',
    {
      endpoints: Object.keys(perEndpoint).length,
      casesPerEndpoint: CASES,
      seconds: Math.round((performance.now() - t0) / 1000),
      serverErrors: total,
      perEndpoint,
    },
    [{ figure: 'serverErrors', limit: 0, unit: '5xx answers (at most)', met: total === 0 }],
  );
}
