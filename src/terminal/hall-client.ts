import { backoffDelayMs } from '../shared/backoff.js';
import { createRouteClient, HALL_SERVER, orThrow, type Outcome } from '../http-client/route-client.js';
import { hallApi } from '../shared/hall-api.js';
import { IDEMPOTENCY_HEADER } from '../shared/http-route.js';
import type { PrefillApplication } from '../shared/prefill.js';
import type { OfflineTicket } from '../shared/ticket-leases.js';
import { createHallEndpoints, type HallEndpoints } from './hall-endpoints.js';
import type { DeviceHealth } from '../shared/device-health.js';

export interface TransferRequest {
  toQueueId?: string;
  toWindowNumber?: number;
  note?: string;
}

/** How often a lost request is sent again, and how long at most each retry waits: a citizen stands at the kiosk meanwhile. */
const RETRIES = 2;
const RETRY_BACKOFF = { baseMs: 400, capMs: 800 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** No usable answer from that server: not reached, too slow, or its database away (5xx). */
const unanswered = (outcome: Outcome<unknown>) =>
  !outcome.ok && outcome.retry && (outcome.code === 'UNAVAILABLE' || outcome.code === 'TIMEOUT');

/**
 * The terminal's hall client: the routes derived from hall-api.ts, each answer a value or an RpcError
 * with the hall's own code (made general) and words, for the page that asked. `token` is read at every
 * call: the terminal's token changes when it is rotated. A server that gives no usable answer is left for
 * the next of the hall's servers (`hall-endpoints.ts`).
 */
export function createHallClient(hall: string | HallEndpoints, terminalId: string, token: () => string | undefined = () => undefined) {
  const endpoints = typeof hall === 'string' ? createHallEndpoints([hall]) : hall;
  const routes = createRouteClient(hallApi, { baseUrl: endpoints.current, server: HALL_SERVER, token });
  /**
   * Reads, and calls that create something (a number, a pre-fill code), are sent again when no answer came
   * (the reply was lost, the hall was restarting, its server died): at once to another server of the hall,
   * after a pause to the same one. A create repeats its request id as its Idempotency-Key, and every server
   * of the hall keeps the first answers in the one database, so one tap never makes two numbers. A change
   * such as a call or a finish is not repeated (the hall may have made it): it fails, and the clerk's next
   * try goes to the next server.
   */
  const call = async <T>(send: () => Promise<Outcome<T>>, repeat: boolean, retries = RETRIES): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const url = endpoints.current();
      const outcome = await send();
      if (!unanswered(outcome)) return orThrow(outcome);
      endpoints.failed(url);
      if (!repeat || attempt >= retries + endpoints.count - 1) return orThrow(outcome);
      // Jittered: after a hall restart, the kiosks that were waiting on it do not knock again all at once.
      if (endpoints.current() === url) await sleep(backoffDelayMs(attempt, RETRY_BACKOFF));
    }
  };
  const value = <T>(send: () => Promise<Outcome<T>>) => call(send, false);
  // With one server, a read fails at once as before: the page says the hall is away instead of waiting on it.
  const read = <T>(send: () => Promise<Outcome<T>>) => call(send, endpoints.count > 1);
  /** A change that is the same however often it is made: a lease asked for again is the open one, a ticket handed in is known by its id. */
  const repeatable = <T>(send: () => Promise<Outcome<T>>) => call(send, true);
  const create = <T>(send: (headers: Record<string, string>) => Promise<Outcome<T>>, requestId: string, retries?: number): Promise<T> =>
    call(() => send({ [IDEMPOTENCY_HEADER]: requestId }), true, retries);
  return {
    health: () => value(() => routes.health({ timeoutMs: 3000 })),
    listQueues: async () => (await read(() => routes.listQueues())).queues,
    /** `requestId`, here and below: one per user action, the same on every retry of it. */
    /**
     * With `patience`, a kiosk that holds offline numbers asks once, briefly, and gives the citizen one of
     * those rather than keep them waiting on a hall that does not answer (it then withdraws this request).
     */
    issueTicket: (
      queueId: string,
      options: { priority?: boolean; idNumber?: string },
      requestId: string,
      patience?: { timeoutMs: number; retries: number },
    ) =>
      create(
        (headers) => routes.issueTicket({ body: { queueId, terminalId, ...options }, headers, timeoutMs: patience?.timeoutMs }),
        requestId,
        patience?.retries,
      ),
    withdrawRequest: async (requestId: string) => (await repeatable(() => routes.withdrawRequest({ body: { requestId } }))).outcome,
    snapshot: () => read(() => routes.snapshot()),
    callNext: (windowNumber: number) => value(() => routes.callNext({ body: { windowNumber } })),
    recall: (windowNumber: number) => value(() => routes.recall({ body: { windowNumber } })),
    noShow: (windowNumber: number) => value(() => routes.noShow({ body: { windowNumber } })),
    park: (windowNumber: number) => value(() => routes.park({ body: { windowNumber } })),
    resume: (windowNumber: number, ticketId: string) => value(() => routes.resume({ body: { windowNumber, ticketId } })),
    reinstate: (ticketNumber: string) => value(() => routes.reinstate({ body: { ticketNumber } })),
    transfer: (windowNumber: number, target: TransferRequest) => value(() => routes.transfer({ body: { windowNumber, ...target } })),
    finish: (windowNumber: number, serviceCodes: string[]) => value(() => routes.finish({ body: { windowNumber, serviceCodes } })),
    pause: (windowNumber: number, paused: boolean) => value(() => routes.pause({ body: { windowNumber, paused } })),
    login: (windowNumber: number, who: { clerkId: string } | { idNumber: string }, pin: string) =>
      value(() => routes.login({ body: { windowNumber, ...who, pin } })),
    logout: (windowNumber: number) => value(() => routes.logout({ body: { windowNumber } })),
    evaluate: (ticketId: string, level: number, reasons: string[], contact?: string) =>
      value(() => routes.evaluate({ body: { ticketId, level, reasons, ...(contact ? { contact } : {}) } })),
    checkIn: (request: { code?: string; idNumber?: string }, requestId: string) =>
      create((headers) => routes.checkIn({ body: { terminalId, ...request }, headers }), requestId),
    createPrefill: (application: PrefillApplication, requestId: string) =>
      create((headers) => routes.createPrefill({ body: { application }, headers }), requestId),
    leaseNumbers: (queueIds: string[]) => repeatable(() => routes.leaseNumbers({ body: { queueIds } })),
    returnLease: (leaseId: string, usedUpTo: number | null) => repeatable(() => routes.returnLease({ body: { leaseId, usedUpTo } })),
    takeInOffline: (ticket: OfflineTicket) => repeatable(() => routes.takeInOffline({ body: ticket })),
    openPrefill: (code: string) => value(() => routes.openPrefill({ body: { code } })),
    rotateToken: async () => (await value(() => routes.rotateToken({ body: {} }))).token,
    reportDevices: (devices: DeviceHealth[]) => value(() => routes.reportDevices({ body: { terminalId, devices } })),
  };
}
export type HallClient = ReturnType<typeof createHallClient>;
