import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { ApiErrorBodySchema, type HttpRoute } from '../shared/http-route.js';
import { platformApi } from '../shared/platform-api.js';
import type { HallConfig } from '../shared/queue.js';
import { createChainAnchoring, type AnchorAnswer, type AnchorStatus } from '../storage/audit-anchoring.js';
import type { Db } from '../storage/sqlite.js';
import type { EventLog } from './event-log.js';

type PlatformLink = NonNullable<HallConfig['platform']>;

/**
 * The hall server's calls to the platform: only its own token and its event log's anchors. Any failure
 * is an answer, never an exception: the hall serves its queues whether the platform answers or not.
 */
function platformCaller(platform: PlatformLink, timeoutMs: number) {
  let token: string | null = null;

  async function send<R extends z.ZodType>(route: HttpRoute<z.ZodType | null, R>, body: unknown, bearer: string | null): Promise<AnchorAnswer<z.output<R>> & { unauthorized?: boolean }> {
    let response: Response;
    try {
      response = await fetch(platform.url + route.path, {
        method: route.method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { ok: false, retry: true, message: `无法连接平台 / cannot reach the platform: ${(error as Error).message}` };
    }
    const payload: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = route.response.safeParse(payload);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, retry: true, message: `平台的回答无法识别 / the platform's answer to ${route.path} is not understood` };
    }
    const problem = ApiErrorBodySchema.safeParse(payload);
    const message = problem.success ? problem.data.error.message : `平台返回 HTTP ${response.status} / the platform answered HTTP ${response.status}`;
    if (response.status === 401) return { ok: false, retry: true, message, unauthorized: true };
    if (response.status >= 500 || response.status === 429 || response.status === 408) return { ok: false, retry: true, message };
    return { ok: false, retry: false, code: problem.success ? problem.data.error.code : `HTTP_${response.status}`, message };
  }

  async function authorized<R extends z.ZodType>(route: HttpRoute<z.ZodType | null, R>, body?: unknown): Promise<AnchorAnswer<z.output<R>>> {
    for (let fresh = token === null; ; fresh = true) {
      if (fresh) {
        const issued = await send(platformApi.token, { terminalId: platform.terminalId, secret: platform.secret }, null);
        // A refused secret is for the administrator to fix; the hall keeps trying at its interval meanwhile.
        if (!issued.ok) return { ok: false, retry: true, message: `平台拒绝大厅服务器的登记密钥，请管理员核对 / the platform refused the hall server's secret: ${issued.message}` };
        token = issued.value.token;
      }
      const answer = await send(route, body, token);
      if (answer.ok || !answer.unauthorized || fresh) return answer;
    }
  }

  return {
    newest: () => authorized(platformApi.newestAnchor),
    anchor: (request: z.input<typeof platformApi.anchorAudit.body>) => authorized(platformApi.anchorAudit, request),
  };
}

export type HallAnchoringStatus = AnchorStatus | { state: 'pending' };

/**
 * Anchors the hall's event log on the platform every `anchorSeconds` and once more at stop, so a log cut
 * at its end or rewritten whole no longer verifies as intact. One attempt at a time; a failed one is
 * logged when the state changes and simply tried again at the next interval.
 */
export function startHallAnchoring(options: { platform: PlatformLink; events: EventLog; db: Db; logger?: FastifyBaseLogger | false; timeoutMs?: number }) {
  const { platform, logger } = options;
  const anchoring = createChainAnchoring({ owner: platform.terminalId, chain: options.events, transport: platformCaller(platform, options.timeoutMs ?? 5000) });
  let status: HallAnchoringStatus = { state: 'pending' };
  let running: Promise<HallAnchoringStatus> = Promise.resolve(status);

  function record(next: AnchorStatus): AnchorStatus {
    const changed = next.state !== status.state || ('message' in next && 'message' in status && next.message !== status.message);
    status = next;
    if (changed && logger) {
      if (next.state === 'mismatch') logger.error({ mismatch: next.mismatch }, `大厅事件记录的平台存证异常 / audit anchor of the hall's event log: ${next.message}`);
      else if (next.state === 'unreachable' || next.state === 'refused') logger.warn(`大厅事件记录暂未存证，稍后重试 / the hall's event log was not anchored, will retry: ${next.message}`);
      else if (next.state === 'anchored') logger.info(`大厅事件记录已在平台存证至序号 ${next.seq} / the hall's event log is anchored up to seq ${next.seq}`);
    }
    return next;
  }

  /** Events of a group commit still open may yet be rolled back: anchor only what is committed. */
  async function committedTip(): Promise<AnchorStatus> {
    while (options.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    return anchoring.anchorTip();
  }

  const anchorNow = (): Promise<HallAnchoringStatus> => {
    running = running.then(() => committedTip().then(record, (error: unknown) => record({ state: 'unreachable', message: (error as Error).message })));
    return running;
  };
  void anchorNow();
  const timer = setInterval(() => void anchorNow(), platform.anchorSeconds * 1000);

  return {
    status: () => status,
    anchorNow,
    /** The last anchor, of the log as the hall leaves it. */
    async stop(): Promise<void> {
      clearInterval(timer);
      await anchorNow();
    },
  };
}
