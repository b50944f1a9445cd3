import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatformServer } from '../../src/platform/server.js';
import { LOG_REDACTION } from '../../src/shared/log-redaction.js';
import { callPlatform, platformToken, startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_PLATFORM_SECRET, testPlatformConfig } from '../helpers/terminal.js';

/**
 * What the platform answers to requests that are malformed, unauthenticated or carry their token in the
 * wrong place: always {error: {code, message}} (Fastify's own refusals too), 401 before a word about the
 * body, no token taken from a query string, and no token or secret in its log.
 */

const tempDir = useTempDir('onewindow-platform-requests-');
let platform: TestPlatform;
afterEach(async () => platform?.close());

const ERROR_BODY = { error: { code: expect.any(String), message: expect.stringMatching(/^\p{Script=Han}.* \/ [A-Za-z]/su) } };

/** A request as a script writes it, with whatever headers and bytes it likes. */
function rawRequest(
  url: string,
  path: string,
  options: { method: string; headers: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url + path, { method: options.method, headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('platform requests', () => {
  it('answers Fastify’s own refusals (bad JSON, wrong content type, body too large, bad URL) with {error:{code,message}}', async () => {
    platform = await startTestPlatform(tempDir());
    const token = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const auth = { authorization: `Bearer ${token}` };
    const badJson = await rawRequest(platform.url, '/api/v1/progress', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"reference": ',
    });
    expect(badJson).toEqual({ status: 400, body: ERROR_BODY });
    const emptyJson = await rawRequest(platform.url, '/api/v1/progress', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '',
    });
    expect(emptyJson).toEqual({ status: 400, body: ERROR_BODY });
    const wrongType = await rawRequest(platform.url, '/api/v1/progress', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: 'reference=1',
    });
    expect(wrongType).toEqual({ status: 415, body: ERROR_BODY });
    const tooLarge = await rawRequest(platform.url, '/api/v1/progress', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge).toEqual({ status: 413, body: ERROR_BODY });
    const badUrl = await rawRequest(platform.url, '/api/v1/materials/%E0%A4%A', { method: 'GET', headers: auth });
    expect(badUrl).toEqual({ status: 400, body: ERROR_BODY });
    const nowhere = await rawRequest(platform.url, '/api/v2/anything', { method: 'GET', headers: auth });
    expect(nowhere).toEqual({ status: 404, body: ERROR_BODY });
  });

  it('refuses a caller without a valid token with 401 before it reads the body: no schema, no size is described', async () => {
    platform = await startTestPlatform(tempDir());
    for (const headers of [
      {},
      { authorization: 'Bearer forged-token-forged-token' },
      { authorization: 'Basic Y291bnRlci10OnNlY3JldA==' },
    ] as Record<string, string>[]) {
      const bodies = ['{"kind": "nonsense"}', '{"reference": ', JSON.stringify({ reference: 'x'.repeat(2 * 1024 * 1024) })];
      for (const body of bodies) {
        for (const path of ['/api/v1/operations', '/api/v1/progress', '/api/v1/handovers', '/api/v1/materials', '/api/v1/audit/anchors']) {
          const reply = await rawRequest(platform.url, path, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body,
          });
          expect({ path, ...reply }).toEqual({
            path,
            status: 401,
            body: { error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/^令牌无效或已过期/) } },
          });
        }
      }
      const upload = await rawRequest(platform.url, `/api/v1/materials/${'a'.repeat(64)}`, {
        method: 'PATCH',
        headers: { ...headers, 'content-type': 'text/html', 'upload-offset': 'nope' },
        body: 'x',
      });
      expect(upload.status).toBe(401);
    }
  });

  it('takes a token only from the Authorization header, never from the query string, and logs no token or secret', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const app = createPlatformServer({
      config: testPlatformConfig(),
      dataDir: tempDir(),
      logger: pino({ name: 'platform', redact: LOG_REDACTION, level: 'debug' }, sink),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let token = '';
    try {
      token = await platformToken(url, 'counter-t', TEST_PLATFORM_SECRET);
      expect((await callPlatform(url, '/api/v1/changes', { token })).status).toBe(200);
      // Refused with or without a good header beside it: a token must not travel in URLs (proxies and logs keep them).
      for (const query of [
        `token=${token}`,
        `access_token=${token}`,
        `Authorization=Bearer%20${token}`,
        `after=0&secret=${TEST_PLATFORM_SECRET}`,
      ]) {
        for (const header of [undefined, token]) {
          const reply = await callPlatform(url, `/api/v1/changes?${query}`, { token: header });
          expect(reply).toMatchObject({
            status: 400,
            body: { error: { code: 'TOKEN_IN_URL', message: expect.stringMatching(/^令牌或密钥不能放在网址中/) } },
          });
        }
      }
      await callPlatform(url, '/api/v1/token', { body: { terminalId: 'counter-t', secret: 'a-wrong-secret-of-some-length' } });
    } finally {
      await app.close();
    }
    const log = lines.join('');
    expect(log).toMatch(/"status":401/);
    for (const secret of [token, TEST_PLATFORM_SECRET, 'a-wrong-secret-of-some-length']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/Bearer/);
  });
});
