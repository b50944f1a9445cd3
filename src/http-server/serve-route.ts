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
 * Who may call a route. `identify` runs when the request arrives, before its body is even parsed: a caller
 * without valid credentials gets 401 (or 403) whatever it sent, and learns nothing of the route's schema
 * or of the body size it takes. `permit`, when given, runs once the body is checked, for the rules that
 * depend on it (a counter acting for its own window only); what it returns is the caller the handler gets.
 */
export interface RouteGuard<I, C, B> {
  identify: (request: FastifyRequest) => I;
  permit?: (identity: I, body: B, request: FastifyRequest) => C;
}

/**
 * Registers a route declared in src/shared: the caller is identified first, then the body and query are
 * checked with the route's own schemas, then the body-dependent rules, and the handler runs on the
 * caller's behalf. A plain function guard is `identify` alone.
 */
export function serveRoute<B extends z.ZodType | null, R extends z.ZodType, C, I = C>(
  app: FastifyInstance,
  route: HttpRoute<B, R>,
  guard: ((request: FastifyRequest) => C) | RouteGuard<I, C, BodyOf<B>>,
  handler: (body: BodyOf<B>, context: RouteContext<C>) => z.input<R> | Promise<z.input<R>>,
): void {
  const { identify, permit } = typeof guard === 'function' ? { identify: guard, permit: undefined } : guard;
  const identities = new WeakMap<FastifyRequest, { identity: unknown }>();
  app.route({
    method: route.method,
    url: route.path,
    onRequest: async (request) => {
      identities.set(request, { identity: identify(request) });
    },
    handler: async (request) => {
      const { identity } = identities.get(request)!;
      const body = (route.body ? parseOrRefuse(route.body, request.body ?? {}, '请求内容无效 / Invalid request body') : undefined) as BodyOf<B>;
      const query = route.query ? (parseOrRefuse(route.query, request.query ?? {}, '查询参数无效 / Invalid query') as Record<string, unknown>) : {};
      const caller = (permit ? permit(identity as I, body, request) : identity) as C;
      return handler(body, { caller, request, query });
    },
  });
}

function parseOrRefuse(schema: z.ZodType, value: unknown, what: string): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('INVALID_INPUT', 400, `${what}: ${describeIssues(parsed.error.issues).join('; ')}`);
  return parsed.data;
}
