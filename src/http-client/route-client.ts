import type { z } from 'zod';
import { generalCodeOf, generalCodeOfStatus, isErrorCode, type GeneralErrorCode } from '../shared/errors.js';
import { ApiErrorBodySchema, routePath, type HttpRoute, type PathParams } from '../shared/http-route.js';
import { describeIssues } from '../shared/issues.js';
import { RpcError } from '../shared/rpc/errors.js';
import { httpCall, HttpTimeoutError, type HttpAnswer } from './http-call.js';

/** How a server is named in messages to a person. */
export interface ServerName {
  zh: string;
  en: string;
}
export const HALL_SERVER: ServerName = { zh: '大厅服务器', en: 'hall server' };
export const PLATFORM_SERVER: ServerName = { zh: '政务服务平台', en: 'case platform' };

/**
 * What became of a request. `retry: true`: no answer that can be used yet (UNAVAILABLE when no code is given) — no connection or a timeout
 * (UNAVAILABLE, TIMEOUT), a 5xx or a reply this side does not understand (UNAVAILABLE), 408 (TIMEOUT),
 * or 429 (the server's code, with its Retry-After header as sent). `retry: false`: the server refused, with its own
 * code and status; trying again would only repeat the refusal.
 */
export type Failure =
  | { ok: false; retry: true; code?: string; status?: number; message: string; retryAfter?: string }
  | { ok: false; retry: false; code: string; status: number; message: string };
export type Outcome<T> = { ok: true; value: T } | Failure;

type BodyPart<R extends HttpRoute> = R['body'] extends z.ZodType
  ? { body: z.input<R['body']> }
  : R extends { rawBody: string }
    ? { raw: Buffer }
    : { body?: undefined };
type QueryPart<R extends HttpRoute> = R extends { query: z.ZodType } ? { query?: z.input<R['query']> } : unknown;
type ParamsPart<R extends HttpRoute> = [PathParams<R['path']>] extends [never]
  ? unknown
  : { params: Record<PathParams<R['path']>, string> };

/** One call of a route: its body (or raw bytes), path parameters and query, typed from its declaration. */
export type RouteRequest<R extends HttpRoute> = BodyPart<R> &
  QueryPart<R> &
  ParamsPart<R> & {
    headers?: Record<string, string>;
    timeoutMs?: number;
  };

type Call<R extends HttpRoute> =
  Record<string, never> extends RouteRequest<R>
    ? (request?: RouteRequest<R>) => Promise<Outcome<z.output<R['response']>>>
    : (request: RouteRequest<R>) => Promise<Outcome<z.output<R['response']>>>;

/** One function per declared route. */
export type RouteClient<A extends Record<string, HttpRoute>> = { [K in keyof A]: Call<A[K]> };

export interface RouteClientOptions {
  /** Read at every call where it is a function: a terminal moves between the servers of a hall pair. */
  baseUrl: string | (() => string);
  server: ServerName;
  /** Sent as a bearer token, read at every call (a token is rotated, or traded anew). */
  token?: () => string | undefined;
  /** For calls that give none; 5 s unless told. */
  timeoutMs?: number;
}

/**
 * A client of one of our servers derived from its route declarations (src/shared/hall-api.ts,
 * platform-api.ts): each route a function that sends on the one HTTP stack (http-call.ts), checks the
 * reply with the schema the server answered with, and returns an Outcome, never throwing for a network
 * or HTTP failure. `orThrow` makes an Outcome a value or an RpcError for a page.
 */
export function createRouteClient<A extends Record<string, HttpRoute>>(api: A, options: RouteClientOptions): RouteClient<A> {
  const send = async (
    route: HttpRoute,
    request: Partial<{
      body: unknown;
      raw: Buffer;
      params: Record<string, string>;
      query: Record<string, unknown>;
      headers: Record<string, string>;
      timeoutMs: number;
    }> = {},
  ) => {
    const query = Object.entries(request.query ?? {}).filter(([, value]) => value !== undefined);
    const base = typeof options.baseUrl === 'string' ? options.baseUrl : options.baseUrl();
    const url =
      base +
      routePath(route, request.params) +
      (query.length ? `?${new URLSearchParams(query.map(([name, value]) => [name, String(value)]))}` : '');
    const token = options.token?.();
    const json = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(request.raw && route.rawBody ? { 'content-type': route.rawBody } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...request.headers,
    };
    const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? 5000;
    let answer: HttpAnswer;
    try {
      answer = await httpCall(url, route.method, headers, request.raw ?? json, timeoutMs);
    } catch (error) {
      return error instanceof HttpTimeoutError ? timedOut(options.server) : unreachable(options.server);
    }
    return classify(route, answer, options.server);
  };
  return Object.fromEntries(
    Object.entries(api).map(([name, route]) => [name, (request?: object) => send(route, request)]),
  ) as RouteClient<A>;
}

// No address in these messages: they reach citizens' and clerks' screens, and the address is in the terminal's file for whoever needs it.
const unreachable = (server: ServerName): Failure => ({
  ok: false,
  retry: true,
  code: 'UNAVAILABLE',
  message: `无法连接${server.zh}，请检查网络或联系管理员 / Cannot reach the ${server.en}: check the network or call the administrator`,
});
const timedOut = (server: ServerName, status?: number): Failure => ({
  ok: false,
  retry: true,
  code: 'TIMEOUT',
  status,
  message: `${server.zh}响应超时，请稍后重试 / The ${server.en} did not answer in time: try again shortly`,
});

function classify(route: HttpRoute, answer: HttpAnswer, server: ServerName): Outcome<unknown> {
  const text = answer.body.toString('utf8');
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = route.response.safeParse(route.responseMediaType ? text : parseJson(text));
    if (parsed.success) return { ok: true, value: parsed.data };
    return {
      ok: false,
      retry: true,
      code: 'UNAVAILABLE',
      status: answer.status,
      message: `${server.zh}返回了无法识别的数据，请联系管理员检查版本 / The ${server.en} answered ${route.path} with data this terminal does not understand (${describeIssues(parsed.error.issues).join('; ')}): check that both run the same version`,
    };
  }
  if (answer.status >= 500) {
    return {
      ok: false,
      retry: true,
      code: 'UNAVAILABLE',
      status: answer.status,
      message: `${server.zh}暂时无法处理（HTTP ${answer.status}），请稍后重试 / The ${server.en} failed with HTTP ${answer.status}: try again shortly`,
    };
  }
  if (answer.status === 408) return timedOut(server, 408);
  const problem = ApiErrorBodySchema.safeParse(parseJson(text));
  const code = problem.success ? problem.data.error.code : generalCodeOfStatus(answer.status);
  const message = problem.success
    ? problem.data.error.message
    : `${server.zh}拒绝了请求（HTTP ${answer.status}） / The ${server.en} refused the request with HTTP ${answer.status}`;
  if (answer.status === 429) {
    const retryAfter = answer.headers['retry-after'];
    return { ok: false, retry: true, code, status: 429, message, ...(typeof retryAfter === 'string' ? { retryAfter } : {}) };
  }
  return { ok: false, retry: false, code, status: answer.status, message };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The general code (src/shared/errors.ts) a page sees for a failure: the server's own, made general. */
export function generalCodeOfFailure(failure: Failure): GeneralErrorCode {
  if (failure.code === undefined) return 'UNAVAILABLE';
  if (isErrorCode(failure.code)) return generalCodeOf(failure.code);
  return generalCodeOfStatus(failure.status ?? 503);
}

/** A failure as a page sees it: the server's code, made general, and its words. */
export const rpcErrorOf = (failure: Failure): RpcError => new RpcError(generalCodeOfFailure(failure), failure.message);

/** The value of a call that succeeded; otherwise the failure as an RpcError for the page that asked. */
export function orThrow<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw rpcErrorOf(outcome);
}
