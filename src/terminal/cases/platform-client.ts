import type { z } from 'zod';
import { ApiErrorBodySchema, routePath, type HttpRoute } from '../../shared/http-route.js';
import { describeIssues } from '../../shared/issues.js';
import {
  IDEMPOTENCY_HEADER,
  platformApi,
  UPLOAD_CONTENT_TYPE,
  UPLOAD_LENGTH_HEADER,
  UPLOAD_MEDIA_TYPE_HEADER,
  UPLOAD_OFFSET_HEADER,
  type AuditAnchorRequest,
  type CaseOperation,
  type HandOverRequest,
} from '../../shared/platform-api.js';
import type { MaterialFile } from '../../shared/cases.js';
import { parseRetryAfter } from './backoff.js';
import { httpCall, HttpTimeoutError, type HttpAnswer } from './http-call.js';

/**
 * What became of a request: done; worth trying again (the network, a timeout, 5xx, 429); or refused by
 * the platform (any other 4xx) — then trying again would only repeat the refusal.
 */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; retry: true; message: string; retryAfterMs?: number }
  | { ok: false; retry: false; status: number; code: string; message: string };

export interface PlatformClientOptions {
  baseUrl: string;
  terminalId: string;
  /** The terminal's enrolment secret, traded for short-lived tokens. */
  secret: string;
  timeoutMs?: number;
}

interface Call {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

/**
 * The sync engine's view of the platform. Unlike the RPC-facing clients it never throws for a
 * network or HTTP failure: it classifies the failure, because the engine's next move depends on it.
 */
export function createPlatformClient(options: PlatformClientOptions) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  let token: string | null = null;

  async function send<R extends z.ZodType>(route: HttpRoute<z.ZodType | null, R>, call: Call, bearer: string | null): Promise<Outcome<z.output<R>> & { unauthorized?: boolean }> {
    const query = call.query ? `?${new URLSearchParams(Object.entries(call.query).map(([k, v]) => [k, String(v)]))}` : '';
    const url = options.baseUrl + routePath(route, call.params) + query;
    let response: HttpAnswer;
    try {
      response = await httpCall(
        url,
        route.method,
        {
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(call.raw ? { 'content-type': UPLOAD_CONTENT_TYPE } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          ...call.headers,
        },
        call.raw ?? (call.body !== undefined ? JSON.stringify(call.body) : undefined),
        timeoutMs,
      );
    } catch (error) {
      return {
        ok: false,
        retry: true,
        message: error instanceof HttpTimeoutError ? `平台 ${timeoutMs} ms 内未响应 / the platform did not answer within ${timeoutMs} ms` : `无法连接平台 / cannot reach the platform: ${(error as Error).message}`,
      };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(response.body.toString('utf8'));
    } catch {
      payload = undefined;
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = route.response.safeParse(payload);
      if (parsed.success) return { ok: true, value: parsed.data };
      return { ok: false, retry: true, message: `平台返回了无法识别的数据 / the platform's answer to ${route.path} is not understood: ${describeIssues(parsed.error.issues).join('; ')}` };
    }
    const problem = ApiErrorBodySchema.safeParse(payload);
    const code = problem.success ? problem.data.error.code : `HTTP_${response.status}`;
    const message = problem.success ? problem.data.error.message : `平台返回 HTTP ${response.status} / the platform answered HTTP ${response.status}`;
    if (response.status === 401) return { ok: false, retry: true, message, unauthorized: true };
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      const retryAfter = response.headers['retry-after'];
      return { ok: false, retry: true, message, retryAfterMs: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null, Date.now()) };
    }
    return { ok: false, retry: false, status: response.status, code, message };
  }

  async function refreshToken(): Promise<Outcome<string>> {
    const outcome = await send(platformApi.token, { body: { terminalId: options.terminalId, secret: options.secret } }, null);
    if (!outcome.ok) {
      if (outcome.retry && !outcome.unauthorized) return outcome;
      // A refused secret is a configuration problem, not the case's: keep the operations and say why.
      return { ok: false, retry: true, message: `平台拒绝本终端的登记密钥，请管理员核对 / the platform refused this terminal's secret: ${outcome.message}` };
    }
    token = outcome.value.token;
    return { ok: true, value: token };
  }

  /** Sends with the current token; on 401 fetches a new one and tries once more. */
  async function authorized<R extends z.ZodType>(route: HttpRoute<z.ZodType | null, R>, call: Call): Promise<Outcome<z.output<R>>> {
    if (token === null) {
      const fresh = await refreshToken();
      if (!fresh.ok) return fresh;
    }
    const first = await send(route, call, token);
    if (first.ok || !('unauthorized' in first && first.unauthorized)) return first;
    const fresh = await refreshToken();
    if (!fresh.ok) return fresh;
    return send(route, call, token);
  }

  return {
    /** Who the platform knows this client as: the owner of the audit chain it anchors. */
    terminalId: options.terminalId,
    operation: (op: CaseOperation) => authorized(platformApi.operation, { body: op, headers: { [IDEMPOTENCY_HEADER]: op.opId } }),
    createUpload: (file: MaterialFile) => authorized(platformApi.createUpload, { body: file }),
    /** With `creating`, a first piece at offset 0 also creates the upload when the platform has none. */
    appendUpload: (sha256: string, offset: number, bytes: Buffer, creating?: MaterialFile) =>
      authorized(platformApi.appendUpload, {
        params: { sha256 },
        raw: bytes,
        headers: {
          [UPLOAD_OFFSET_HEADER]: String(offset),
          'tus-resumable': '1.0.0',
          ...(creating ? { [UPLOAD_LENGTH_HEADER]: String(creating.size), [UPLOAD_MEDIA_TYPE_HEADER]: creating.mediaType } : {}),
        },
      }),
    changes: (after: number, limit: number) => authorized(platformApi.changes, { query: { after, limit } }),
    anchor: (request: AuditAnchorRequest) => authorized(platformApi.anchorAudit, { body: request }),
    newestAnchor: () => authorized(platformApi.newestAnchor, {}),
    progress: (query: { reference: string; checkCode?: string } | { idNumber: string }) => authorized(platformApi.progress, { body: query }),
    /** `key`: one per hand-over the clerk starts. */
    handOver: (request: HandOverRequest, key: string) => authorized(platformApi.handOver, { body: request, headers: { [IDEMPOTENCY_HEADER]: key } }),
  };
}
export type PlatformClient = ReturnType<typeof createPlatformClient>;
