import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody } from '../shared/http-route.js';
import { platformApi, type PlatformHealthSchema } from '../shared/platform-api.js';

export interface PlatformServerOptions {
  logger?: FastifyBaseLogger | false;
}

/**
 * REFERENCE implementation of the city's central case platform, for development, tests and demos. The
 * product is the terminal and its sync client; this server only answers as the real platform would.
 */
export function createPlatformServer(options: PlatformServerOptions = {}): FastifyInstance {
  const app = Fastify(options.logger ? { loggerInstance: options.logger } : { logger: false });
  app.get(platformApi.health.path, (): z.input<typeof PlatformHealthSchema> => ({
    service: 'onewindow-reference-platform',
    reference: true,
  }));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `没有这个接口 / No such endpoint: ${request.method} ${request.url}` } } satisfies ApiErrorBody),
  );
  return app;
}
