import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody, HttpRoute } from '../shared/http-route.js';
import { describeIssues } from '../shared/issues.js';
import type { Access, Caller, RouteAccess } from './access.js';
import { HallError } from './hall-error.js';

type BodyOf<B> = B extends z.ZodType ? z.output<B> : undefined;

/**
 * Registers a route declared in src/shared: the body is checked with the route's own schema, then the
 * caller's right to use the route, and the handler runs on the caller's behalf.
 */
export function serveRoute<B extends z.ZodType | null, R extends z.ZodType>(
  app: FastifyInstance,
  route: HttpRoute<B, R>,
  access: { guard: Access; rule: RouteAccess },
  handler: (body: BodyOf<B>, caller: Caller) => z.input<R> | Promise<z.input<R>>,
): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request) => {
      let body: unknown;
      if (route.body) {
        const parsed = route.body.safeParse(request.body ?? {});
        if (!parsed.success) {
          throw new HallError('INVALID_INPUT', 400, `请求内容无效 / Invalid request body: ${describeIssues(parsed.error.issues).join('; ')}`);
        }
        body = parsed.data;
      }
      const caller = access.guard.authorize(request, access.rule, body as { terminalId?: string; windowNumber?: number } | undefined);
      return handler(body as BodyOf<B>, caller);
    },
  });
}

/** Every failure answers with the same {error: {code, message}} body; internals never leak. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof HallError) {
      return reply.status(error.status).send(errorBody(error.code, error.message));
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply
        .status(status)
        .send(errorBody('BAD_REQUEST', `请求无法处理 / The request could not be processed: ${(error as Error).message}`));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('INTERNAL', '服务器内部错误，请重试；若仍出现请联系管理员 / Internal server error: try again, and call the administrator if it persists'));
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(errorBody('NOT_FOUND', `没有这个接口 / No such endpoint: ${request.method} ${request.url}`)),
  );
}

function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
