import type { z } from 'zod';
import { ApiErrorBodySchema, type HttpRoute } from '../shared/http-route.js';
import { describeIssues } from '../shared/issues.js';
import { RpcError } from '../shared/rpc/errors.js';

export interface RouteClientOptions {
  /** How the server is named in messages to a person. */
  server: { zh: string; en: string };
  timeoutMs?: number;
  /** Sent as a bearer token: how our servers know which terminal calls. */
  token?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * Calls one of our own servers' routes declared in src/shared and validates the reply with the same
 * schema the server used. Failures become RpcErrors whose messages a clerk or citizen can act on.
 */
export async function callRoute<B extends z.ZodType | null, R extends z.ZodType>(
  baseUrl: string,
  route: HttpRoute<B, R>,
  body: B extends z.ZodType ? z.input<B> : undefined,
  options: RouteClientOptions,
): Promise<z.output<R>> {
  const url = baseUrl + route.path + (options.query ? `?${new URLSearchParams(options.query)}` : '');
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    // No address in the message: it reaches citizens' and clerks' screens, and the address is in the terminal's file for whoever needs it.
    throw new RpcError(
      timedOut ? 'TIMEOUT' : 'UNAVAILABLE',
      timedOut
        ? `${options.server.zh}响应超时，请稍后重试 / The ${options.server.en} did not answer in time: try again shortly`
        : `无法连接${options.server.zh}，请检查网络或联系管理员 / Cannot reach the ${options.server.en}: check the network or call the administrator`,
    );
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = ApiErrorBodySchema.safeParse(payload);
    if (response.status < 500 && problem.success) {
      const code = response.status === 404 ? 'NOT_FOUND' : response.status === 400 ? 'INVALID_INPUT' : 'REFUSED';
      throw new RpcError(code, problem.data.error.message);
    }
    throw new RpcError(
      'UNAVAILABLE',
      `${options.server.zh}暂时无法处理（HTTP ${response.status}），请稍后重试 / The ${options.server.en} failed with HTTP ${response.status}: try again shortly`,
    );
  }
  const parsed = route.response.safeParse(payload);
  if (!parsed.success) {
    throw new RpcError(
      'UNAVAILABLE',
      `${options.server.zh}返回了无法识别的数据，请联系管理员检查版本 / The ${options.server.en} answered ${route.path} with data this terminal does not understand (${describeIssues(parsed.error.issues).join('; ')}): check that both run the same version`,
    );
  }
  return parsed.data;
}
