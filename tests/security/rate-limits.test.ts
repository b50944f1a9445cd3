import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { hallApi, HALL_EVENTS_PATH } from '../../src/shared/hall-api.js';
import { platformApi } from '../../src/shared/platform-api.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';
import { startTestPlatform, type TestPlatform } from '../helpers/platform.js';
import { TEST_PLATFORM_SECRET } from '../helpers/terminal.js';

const startHall = useHallServers();
const platforms: TestPlatform[] = [];
afterEach(async () => {
  for (const platform of platforms.splice(0)) await platform.close();
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const KIOSK = 'kiosk-01-token-0123456789';
const LIMIT = { perMinute: 10, credentialPerMinute: 30, upgradesPerMinute: 3 };
const madeUp = () => randomBytes(18).toString('base64url');

const hall = () =>
  startHall(
    HallConfigSchema.parse({ ...TEST_HALL, rateLimit: LIMIT, terminals: [{ id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(KIOSK) }] }),
  );

async function platform(): Promise<{ url: string; token: string }> {
  const started = await startTestPlatform(mkdtempSync(join(tmpdir(), 'onewindow-rate-')), { config: { rateLimit: LIMIT } });
  platforms.push(started);
  const issued = await fetch(started.url + platformApi.token.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId: 'counter-t', secret: TEST_PLATFORM_SECRET }),
  });
  return { url: started.url, token: ((await issued.json()) as { token: string }).token };
}

const get = (url: string, authorization?: string) => fetch(url, { headers: authorization ? { authorization } : {} });

/** Opens the hall's event stream: the HTTP status it was refused with, or 101. */
function upgrade(base: string, token: string): Promise<{ status: number; retryAfter?: string; body?: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}${HALL_EVENTS_PATH}?after=0`, {
      headers: { authorization: `Bearer ${token}` },
    });
    socket.once('open', () => {
      socket.close();
      resolve({ status: 101 });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'], body }));
    });
    socket.once('error', () => undefined);
  });
}

const servers = {
  hall: async () => {
    const h = await hall();
    return { url: h.base + hallApi.listQueues.path, token: KIOSK };
  },
  platform: async () => {
    const p = await platform();
    return { url: p.url + platformApi.changes.path, token: p.token };
  },
};

describe.each(Object.entries(servers))('rate limits of the %s server, attacked over HTTP', (_name, start) => {
  it('gives made-up tokens no fresh bucket: they share their address’s', async () => {
    const { url } = await start();
    for (let i = 0; i < LIMIT.perMinute; i++) expect((await get(url, `Bearer ${madeUp()}`)).status).toBe(401);
    const refused = await get(url, `Bearer ${madeUp()}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^请求过于频繁，请 \d+ 秒后再试 \//) },
    });
  });

  it('counts a terminal’s token however the header is spelt, and apart from the others at its address', async () => {
    const { url, token } = await start();
    for (let i = 0; i < LIMIT.perMinute; i++) expect((await get(url, `Bearer ${token}`)).status).toBe(200);
    for (const spelling of [`Bearer  ${token}`, `Bearer ${token} `, `Bearer \t${token}`])
      expect((await get(url, spelling)).status).toBe(429);
    expect((await get(url, `Bearer ${madeUp()}`)).status).toBe(401);
  });
});

describe('the hall’s event stream, attacked over WebSocket', () => {
  it('limits upgrades per terminal, with 429 and Retry-After', async () => {
    const h = await hall();
    for (let i = 0; i < LIMIT.upgradesPerMinute; i++) expect((await upgrade(h.base, KIOSK)).status).toBe(101);
    const refused = await upgrade(h.base, KIOSK);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused.body!)).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁') } });
    for (let i = 0; i < LIMIT.upgradesPerMinute; i++) {
      const unknown = await upgrade(h.base, madeUp());
      expect(unknown.status).toBe(401);
      // Refused before any WebSocket exists, in the same body as every other refusal.
      expect(JSON.parse(unknown.body!)).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/^终端未登记.* \/ /) } });
    }
    expect((await upgrade(h.base, madeUp())).status).toBe(429);
  });
});
