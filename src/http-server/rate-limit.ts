import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RateLimit } from '../shared/rate-limit.js';
import { ApiError } from '../shared/errors.js';
import { endWithError } from './error-handling.js';

const WINDOW_MS = 60_000;

export interface RateLimitKeys {
  /** The routes that trade a code or secret for a token: counted per address, whatever token comes with them. */
  credentialPaths: readonly string[];
  /** The terminal a request's credentials verify as; null for anything that does not verify. */
  terminalOf: (headers: IncomingHttpHeaders) => string | null | Promise<string | null>;
}

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;

export interface RateLimiter {
  /** Wraps a server's 'upgrade' listener: a caller past its minute of upgrades gets 429 instead. */
  limitUpgrades(listener: UpgradeListener): UpgradeListener;
}

const message = (seconds: number) =>
  `请求过于频繁，请 ${seconds} 秒后再试 / too many requests from this terminal: try again in ${seconds} s`;

/**
 * Per-minute limits with @fastify/rate-limit, per verified terminal, or per address for a request whose
 * credentials do not verify: a made-up token or a respelt header earns no fresh bucket. A runaway
 * terminal or a script on the hall's network gets 429 with Retry-After instead of slowing the hall
 * for everyone. WebSocket upgrades bypass Fastify's routes, so they are counted here too, apart.
 */
export function installRateLimit(app: FastifyInstance, limit: RateLimit, keys: RateLimitKeys): RateLimiter {
  if (limit === false) return { limitUpgrades: (listener) => listener };
  const credential = new Set(keys.credentialPaths);
  const callerOf = async (headers: IncomingHttpHeaders, address: string) => {
    const terminal = await keys.terminalOf(headers);
    return terminal === null ? `address ${address}` : `terminal ${terminal}`;
  };
  // Not global: routes declared before the plugin has loaded would escape its per-route hooks. One
  // onRequest hook of our own counts every request, unknown paths too, through the plugin's limiters.
  void app.register(fastifyRateLimit, { global: false, timeWindow: WINDOW_MS });
  let requests: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  let upgrades: ReturnType<FastifyInstance['createRateLimit']> | undefined;

  app.addHook('onRequest', async (request, reply) => {
    requests ??= app.createRateLimit({
      keyGenerator: (asked) =>
        credential.has(asked.routeOptions.url ?? '') ? `credential ${asked.ip}` : callerOf(asked.headers, asked.ip),
      max: (_asked, key) => (key.startsWith('credential ') ? limit.credentialPerMinute : limit.perMinute),
    });
    const state = await requests(request);
    if (state.isAllowed || !state.isExceeded) return;
    reply.header('retry-after', String(Math.max(1, state.ttlInSeconds)));
    throw new ApiError('RATE_LIMITED', message(Math.max(1, state.ttlInSeconds)));
  });

  return {
    limitUpgrades: (listener) => (request, socket, head) => {
      const check = (upgrades ??= app.createRateLimit({
        max: limit.upgradesPerMinute,
        keyGenerator: (upgrade) => callerOf(upgrade.headers, upgrade.ip),
      }));
      // The limiter reads only the headers, the address and the route's config of what it is given.
      const asked = {
        headers: request.headers,
        ip: request.socket.remoteAddress ?? '',
        routeOptions: { config: {} },
      } as unknown as FastifyRequest;
      check(asked).then(
        (state) => {
          if (state.isAllowed || !state.isExceeded) return Promise.resolve(listener(request, socket, head)).catch(() => socket.destroy());
          const seconds = Math.max(1, state.ttlInSeconds);
          endWithError(socket, 'RATE_LIMITED', message(seconds), { 'retry-after': String(seconds) });
        },
        () => socket.destroy(),
      );
    },
  };
}
