import fc from 'fast-check';
import { routePath, type HttpRoute } from '../../src/shared/http-route.js';
import { TEST_HALL } from './hall-config.js';
import { startTestHall, TEST_KIOSK_PLATFORM_SECRET, TEST_PLATFORM_SECRET, type TestHall } from './terminal.js';

/** Bodies a hostile or broken client might send: any JSON, objects with the right keys and wrong values, and non-JSON. */
export const fuzzBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .dictionary(
      fc.constantFrom(
        'windowNumber',
        'queueId',
        'kind',
        'opId',
        'caseId',
        'case',
        'sha256',
        'size',
        'mediaType',
        'terminalId',
        'secret',
        'caseNumber',
        'code',
        'level',
        'idNumber',
        'reference',
        'checkCode',
      ),
      fc.jsonValue(),
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
export const fuzzQuery = fc.dictionary(
  fc.constantFrom('after', 'limit', 'have', 'terminal', 'date', 'by', 'x'),
  fc.string({ maxLength: 30 }),
);
export const fuzzParam = fc.string({ maxLength: 80 });
export const fuzzContentType = fc.constantFrom(
  'application/json',
  'application/offset+octet-stream',
  'text/plain',
  'application/x-www-form-urlencoded',
);

/** Sends one fuzzed request to a route; returns the HTTP status. */
export async function fuzzRequest(
  baseUrl: string,
  route: HttpRoute,
  input: { body: string; query: Record<string, string>; param: string; contentType: string; offset: string },
  token: string | null,
): Promise<number> {
  const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((match) => [match[1]!, input.param]));
  const query = Object.keys(input.query).length ? `?${new URLSearchParams(input.query)}` : '';
  const response = await fetch(baseUrl + routePath(route, params) + query, {
    method: route.method,
    headers: {
      'content-type': input.contentType,
      'upload-offset': input.offset,
      'idempotency-key': 'fuzz',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: route.method === 'GET' ? undefined : input.body,
  });
  await response.arrayBuffer();
  return response.status;
}

export const fuzzInput = fc.record({
  body: fuzzBody,
  query: fuzzQuery,
  param: fuzzParam,
  contentType: fuzzContentType,
  offset: fc.oneof(fc.constant('0'), fc.string({ maxLength: 12 })),
});

/**
 * A hall server and a reference platform to fuzz, with platform tokens so requests get past the door: a
 * counter's, and a kiosk's for the one route a kiosk has (进度查询, where it must give a 查询码).
 */
export async function startFuzzTargets(): Promise<TestHall & { token: string; kioskToken: string }> {
  // Limits off: every fuzz case should reach the route's own checks, not be turned away at the door.
  const servers = await startTestHall({ ...TEST_HALL, rateLimit: false }, { rateLimit: false });
  const tokenOf = async (terminalId: string, secret: string) => {
    const issued = await fetch(`${servers.platformUrl}/api/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ terminalId, secret }),
    });
    return ((await issued.json()) as { token: string }).token;
  };
  return {
    ...servers,
    token: await tokenOf('counter-t', TEST_PLATFORM_SECRET),
    kioskToken: await tokenOf('kiosk-t', TEST_KIOSK_PLATFORM_SECRET),
  };
}
