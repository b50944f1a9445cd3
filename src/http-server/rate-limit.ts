import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimit } from '../shared/rate-limit.js';
import { ApiError } from './api-error.js';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per caller. A runaway terminal or a script on the hall's network gets 429
 * with Retry-After instead of slowing the hall for everyone; the counters are dropped every window.
 */
export function installRateLimit(app: FastifyInstance, limit: RateLimit, credentialPaths: readonly string[], now: () => number = Date.now): void {
  if (limit === false) return;
  const counts = new Map<string, number>();
  let windowStart = now();
  const credential = new Set(credentialPaths);

  const callerOf = (request: FastifyRequest): { key: string; max: number } => {
    if (credential.has(request.routeOptions.url ?? '')) return { key: `credential ${request.ip}`, max: limit.credentialPerMinute };
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? createHash('sha256').update(header).digest('base64url') : null;
    return { key: token ? `token ${token}` : `address ${request.ip}`, max: limit.perMinute };
  };

  app.addHook('onRequest', async (request, reply) => {
    const at = now();
    if (at - windowStart >= WINDOW_MS) {
      counts.clear();
      windowStart = at;
    }
    const { key, max } = callerOf(request);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > max) {
      const seconds = Math.max(1, Math.ceil((windowStart + WINDOW_MS - at) / 1000));
      reply.header('retry-after', String(seconds));
      throw new ApiError('RATE_LIMITED', 429, `请求过于频繁，请 ${seconds} 秒后再试 / too many requests from this terminal: try again in ${seconds} s`);
    }
  });
}
