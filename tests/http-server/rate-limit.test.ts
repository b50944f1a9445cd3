import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installErrorHandling } from '../../src/http-server/error-handling.js';
import { installRateLimit } from '../../src/http-server/rate-limit.js';
import { RateLimitSchema } from '../../src/shared/rate-limit.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const app of apps.splice(0)) await app.close();
});

const TERMINALS: Record<string, string> = { 'Bearer kiosk-token': 'kiosk-01', 'Bearer counter-token': 'counter-01' };

function server() {
  const app = Fastify();
  apps.push(app);
  installErrorHandling(app);
  installRateLimit(app, RateLimitSchema.parse({ perMinute: 10, credentialPerMinute: 2 }), {
    credentialPaths: ['/token'],
    terminalOf: (headers) => TERMINALS[headers.authorization ?? ''] ?? null,
  });
  app.get('/work', () => ({ ok: true }));
  app.post('/token', () => ({ ok: true }));
  return app;
}

const get = (app: ReturnType<typeof server>, token?: string) =>
  app.inject({ method: 'GET', url: '/work', headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('rate limits', () => {
  it('answers 429 with Retry-After and words once a terminal passes its minute, and lets it in again the next minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = server();
    for (let i = 0; i < 10; i++) expect((await get(app, 'kiosk-token')).statusCode).toBe(200);
    vi.advanceTimersByTime(15_000);
    const refused = await get(app, 'kiosk-token');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('45');
    expect(refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁，请 45 秒后再试') } });
    expect((await get(app, 'counter-token')).statusCode).toBe(200);
    expect((await get(app)).statusCode).toBe(200);
    vi.advanceTimersByTime(45_000);
    expect((await get(app, 'kiosk-token')).statusCode).toBe(200);
  });

  it('counts the routes that trade credentials per address, whatever token comes with them', async () => {
    const app = server();
    const token = (bearer: string) => app.inject({ method: 'POST', url: '/token', headers: { authorization: `Bearer ${bearer}` } });
    expect((await token('a')).statusCode).toBe(200);
    expect((await token('kiosk-token')).statusCode).toBe(200);
    expect((await token('c')).statusCode).toBe(429);
  });

  it('can be turned off, for benchmarks that send everything from one address', () => {
    expect(RateLimitSchema.parse(false)).toBe(false);
    expect(RateLimitSchema.parse(undefined)).toEqual({ perMinute: 1200, credentialPerMinute: 30, upgradesPerMinute: 60 });
    expect(RateLimitSchema.safeParse({ perMinute: 5 }).success).toBe(false);
  });
});
