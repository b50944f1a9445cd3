import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HttpRoute } from '../shared/http-route.js';
import { describeIssues } from '../shared/issues.js';
import { ApiError } from './api-error.js';

type BodyOf<B> = B extends z.ZodType ? z.output<B> : undefined;

export interface RouteContext<C> {
  caller: C;
  request: FastifyRequest;
  /** The route's query, checked with its schema; empty when the route declares none. */
  query: Record<string, unknown>;
}

/**
 * Registers a route declared in src/shared: the body and query are checked with the route's own
 * schemas, then the caller's right to use the route, and the handler runs on the caller's behalf.
 */
export function serveRoute<B extends z.ZodType | null, R extends z.ZodType, C>(
  app: FastifyInstance,
  route: HttpRoute<B, R>,
  authorize: (request: FastifyRequest, body: BodyOf<B>) => C,
  handler: (body: BodyOf<B>, context: RouteContext<C>) => z.input<R> | Promise<z.input<R>>,
): void {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request) => {
      const body = (route.body ? parseOrRefuse(route.body, request.body ?? {}, '请求内容无效 / Invalid request body') : undefined) as BodyOf<B>;
      const query = route.query ? (parseOrRefuse(route.query, request.query ?? {}, '查询参数无效 / Invalid query') as Record<string, unknown>) : {};
      const caller = authorize(request, body);
      return handler(body, { caller, request, query });
    },
  });
}

function parseOrRefuse(schema: z.ZodType, value: unknown, what: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('INVALID_INPUT', 400, `${what}: ${describeIssues(parsed.error.issues).join('; ')}`);
  return parsed.data;
}
