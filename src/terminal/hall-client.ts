import { createRouteClient, HALL_SERVER, orThrow, type Outcome } from '../http-client/route-client.js';
import { hallApi } from '../shared/hall-api.js';
import { IDEMPOTENCY_HEADER } from '../shared/http-route.js';
import type { PrefillApplication } from '../shared/prefill.js';

export interface TransferRequest {
  toQueueId?: string;
  toWindowNumber?: number;
  note?: string;
}

/** How long a retry of a lost request waits: a citizen stands at the kiosk meanwhile. */
const RETRY_DELAYS_MS = [200, 800];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The terminal's hall client: the routes derived from hall-api.ts, each answer a value or an RpcError
 * with the hall's own code (made general) and words, for the page that asked. `token` is read at every
 * call: the terminal's token changes when it is rotated.
 */
export function createHallClient(baseUrl: string, terminalId: string, token: () => string | undefined = () => undefined) {
  const routes = createRouteClient(hallApi, { baseUrl, server: HALL_SERVER, token });
  const value = async <T>(outcome: Promise<Outcome<T>>): Promise<T> => orThrow(await outcome);
  /**
   * A call that creates something (a number, a pre-fill code) is sent again when no answer came (the
   * reply was lost, the hall was restarting), with the same request id as its Idempotency-Key: the hall
   * answers a repeat with the first ticket, so one tap never makes two numbers. Other calls are not repeated.
   */
  const create = async <T>(send: (headers: Record<string, string>) => Promise<Outcome<T>>, requestId: string): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const outcome = await send({ [IDEMPOTENCY_HEADER]: requestId });
      const unanswered = !outcome.ok && (outcome.code === 'UNAVAILABLE' || outcome.code === 'TIMEOUT');
      if (!unanswered || attempt >= RETRY_DELAYS_MS.length) return orThrow(outcome);
      await sleep(RETRY_DELAYS_MS[attempt]!);
    }
  };
  return {
    health: () => value(routes.health({ timeoutMs: 3000 })),
    listQueues: async () => (await value(routes.listQueues())).queues,
    /** `requestId`, here and below: one per user action, the same on every retry of it. */
    issueTicket: (queueId: string, options: { priority?: boolean; idNumber?: string }, requestId: string) =>
      create((headers) => routes.issueTicket({ body: { queueId, terminalId, ...options }, headers }), requestId),
    snapshot: () => value(routes.snapshot()),
    callNext: (windowNumber: number) => value(routes.callNext({ body: { windowNumber } })),
    recall: (windowNumber: number) => value(routes.recall({ body: { windowNumber } })),
    noShow: (windowNumber: number) => value(routes.noShow({ body: { windowNumber } })),
    park: (windowNumber: number) => value(routes.park({ body: { windowNumber } })),
    resume: (windowNumber: number, ticketId: string) => value(routes.resume({ body: { windowNumber, ticketId } })),
    reinstate: (ticketNumber: string) => value(routes.reinstate({ body: { ticketNumber } })),
    transfer: (windowNumber: number, target: TransferRequest) => value(routes.transfer({ body: { windowNumber, ...target } })),
    finish: (windowNumber: number, serviceCodes: string[]) => value(routes.finish({ body: { windowNumber, serviceCodes } })),
    pause: (windowNumber: number, paused: boolean) => value(routes.pause({ body: { windowNumber, paused } })),
    login: (windowNumber: number, who: { clerkId: string } | { idNumber: string }, pin: string) =>
      value(routes.login({ body: { windowNumber, ...who, pin } })),
    logout: (windowNumber: number) => value(routes.logout({ body: { windowNumber } })),
    evaluate: (ticketId: string, level: number, reasons: string[]) => value(routes.evaluate({ body: { ticketId, level, reasons } })),
    checkIn: (request: { code?: string; idNumber?: string }, requestId: string) =>
      create((headers) => routes.checkIn({ body: { terminalId, ...request }, headers }), requestId),
    createPrefill: (application: PrefillApplication, requestId: string) =>
      create((headers) => routes.createPrefill({ body: { application }, headers }), requestId),
    openPrefill: (code: string) => value(routes.openPrefill({ body: { code } })),
    rotateToken: async () => (await value(routes.rotateToken({ body: {} }))).token,
  };
}
export type HallClient = ReturnType<typeof createHallClient>;
