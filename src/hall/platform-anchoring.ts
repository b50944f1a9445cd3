import type { FastifyBaseLogger } from 'fastify';
import { createPlatformRoutes } from '../http-client/platform-routes.js';
import type { AuditAnchorRequest } from '../shared/platform-api.js';
import type { HallConfig } from '../shared/hall-config.js';
import { createChainAnchoring, type AnchorStatus } from '../storage/audit-anchoring.js';
import type { EventLog } from './event-log.js';
import type { HallStore } from './storage/store.js';

type PlatformLink = NonNullable<HallConfig['platform']>;

export type HallAnchoringStatus = AnchorStatus | { state: 'pending' };

/**
 * Anchors the hall's event log on the platform every `anchorSeconds` and once more at stop, so a log cut
 * at its end or rewritten whole no longer verifies as intact. One attempt at a time; a failed one is
 * logged when the state changes and simply tried again at the next interval.
 */
export function startHallAnchoring(options: {
  platform: PlatformLink;
  events: EventLog;
  store: HallStore;
  logger?: FastifyBaseLogger | false;
  timeoutMs?: number;
}) {
  const { platform, logger } = options;
  // Only its own token and its event log's anchors: any failure is an answer, never an exception, and the hall serves its queues whether the platform answers or not.
  const routes = createPlatformRoutes({
    baseUrl: platform.url,
    terminalId: platform.terminalId,
    secret: platform.secret,
    timeoutMs: options.timeoutMs ?? 5000,
    who: { zh: '大厅服务器', en: 'the hall server' },
  });
  const transport = { newest: () => routes.newestAnchor(), anchor: (request: AuditAnchorRequest) => routes.anchorAudit({ body: request }) };
  const anchoring = createChainAnchoring({ owner: platform.terminalId, chain: options.events, transport });
  let status: HallAnchoringStatus = { state: 'pending' };
  let running: Promise<HallAnchoringStatus> = Promise.resolve(status);

  function record(next: AnchorStatus): AnchorStatus {
    const changed = next.state !== status.state || ('message' in next && 'message' in status && next.message !== status.message);
    status = next;
    if (changed && logger) {
      if (next.state === 'mismatch')
        logger.error({ mismatch: next.mismatch }, `大厅事件记录的平台存证异常 / audit anchor of the hall's event log: ${next.message}`);
      else if (next.state === 'unreachable' || next.state === 'refused')
        logger.warn(`大厅事件记录暂未存证，稍后重试 / the hall's event log was not anchored, will retry: ${next.message}`);
      else if (next.state === 'anchored')
        logger.info(`大厅事件记录已在平台存证至序号 ${next.seq} / the hall's event log is anchored up to seq ${next.seq}`);
    }
    return next;
  }

  /** Events of a group commit still open may yet be rolled back: anchor only what is committed. */
  async function committedTip(): Promise<AnchorStatus> {
    while (options.store.inTransaction()) await new Promise((resolve) => setImmediate(resolve));
    return anchoring.anchorTip();
  }

  const anchorNow = (): Promise<HallAnchoringStatus> => {
    running = running.then(() =>
      committedTip().then(record, (error: unknown) => record({ state: 'unreachable', message: (error as Error).message })),
    );
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
