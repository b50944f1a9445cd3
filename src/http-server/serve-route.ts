import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { HttpRoute } from '../shared/http-route.js';
import { issuesMessage, type Bilingual } from '../shared/issues.js';
import { ApiError } from '../shared/errors.js';

type BodyOf<B> = B extends z.ZodType ? z.output<B> : undefined;
type QueryOf<S extends HttpRoute> = S extends { query: z.ZodType } ? z.output<S['query']> : Record<string, never>;

export interface RouteContext<C, Q = Record<string, unknown>> {
  caller: C;
  request: FastifyRequest;
  /** For a route whose answer is not JSON: its headers (a CSV's name). */
  reply: FastifyReply;
  /** The route's query, checked with its schema; empty when the route declares none. */
  query: Q;
}

/**
 * Who may call a route. `identify` runs when the request arrives, before its body is even parsed: a caller
 * without valid credentials gets 401 (or 403) whatever it sent, and learns nothing of the route's schema
 * or of the body size it takes. `permit`, when given, runs once the body is checked, for the rules that
 * depend on it (a counter acting for its own window only); what it returns is the caller the handler gets.
 */
export interface RouteGuard<I, C, B> {
  identify: (request: FastifyRequest) => I | Promise<I>;
  permit?: (identity: I, body: B, request: FastifyRequest) => C | Promise<C>;
}

/**
 * Registers a route declared in src/shared: the caller is identified first, then the body and query are
 * checked with the route's own schemas, then the body-dependent rules, and the handler runs on the
 * caller's behalf; an answer that is not JSON goes out as the route's media type. A plain function
 * guard is `identify` alone.
 */
export function serveRoute<S extends HttpRoute, C, I = C>(
  app: FastifyInstance,
  route: S,
  guard: ((request: FastifyRequest) => C | Promise<C>) | RouteGuard<I, C, BodyOf<S['body']>>,
  handler: (body: BodyOf<S['body']>, context: RouteContext<C, QueryOf<S>>) => z.input<S['response']> | Promise<z.input<S['response']>>,
): void {
  const { identify, permit } = typeof guard === 'function' ? { identify: guard, permit: undefined } : guard;
  const identities = new WeakMap<FastifyRequest, { identity: unknown }>();
  app.route({
    method: route.method,
    url: route.path,
    onRequest: async (request) => {
      identities.set(request, { identity: await identify(request) });
    },
    handler: async (request, reply) => {
      const { identity } = identities.get(request)!;
      const body = (
        route.body ? parseOrRefuse(route.body, request.body ?? {}, { zh: '请求内容无效', en: 'Invalid request body' }) : undefined
      ) as BodyOf<S['body']>;
      const query = (
        route.query ? parseOrRefuse(route.query, request.query ?? {}, { zh: '查询参数无效', en: 'Invalid query' }) : {}
      ) as QueryOf<S>;
      const caller = (permit ? await permit(identity as I, body, request) : identity) as C;
      const answer = await handler(body, { caller, request, reply, query });
      if (route.responseMediaType)
        void reply.header(
          'content-type',
          route.responseMediaType.startsWith('text/') ? `${route.responseMediaType}; charset=utf-8` : route.responseMediaType,
        );
      return answer;
    },
  });
}

function parseOrRefuse(schema: z.ZodType, value: unknown, what: Bilingual): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError('INVALID_INPUT', issuesMessage(what, parsed.error.issues));
  return parsed.data;
}
