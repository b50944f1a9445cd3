import type { z } from 'zod';
import type { HttpRoute } from '../shared/http-route.js';
import type { Evaluation } from '../shared/evaluation.js';
import { hallApi, type HallHealth, type HallSnapshot } from '../shared/hall-api.js';
import type { HallTicketRef, WindowView } from '../shared/hall-events.js';
import type { OpenedPrefill, PrefillApplication, PrefillTicket } from '../shared/prefill.js';
import type { IssuedTicket, QueueSummary } from '../shared/queue.js';
import { IDEMPOTENCY_HEADER } from '../shared/http-route.js';
import { RpcError } from '../shared/rpc/errors.js';
import { callRoute } from './http-client.js';

export interface TransferRequest {
  toQueueId?: string;
  toWindowNumber?: number;
  note?: string;
}

export interface HallClient {
  health(): Promise<HallHealth>;
  listQueues(): Promise<QueueSummary[]>;
  /** `requestId`, here and below: one per user action, the same on every retry of it. */
  issueTicket(queueId: string, options: { priority?: boolean; idNumber?: string }, requestId: string): Promise<IssuedTicket>;
  snapshot(): Promise<HallSnapshot>;
  callNext(windowNumber: number): Promise<HallTicketRef>;
  recall(windowNumber: number): Promise<HallTicketRef>;
  noShow(windowNumber: number): Promise<HallTicketRef>;
  park(windowNumber: number): Promise<HallTicketRef>;
  resume(windowNumber: number, ticketId: string): Promise<HallTicketRef>;
  reinstate(ticketNumber: string): Promise<HallTicketRef>;
  transfer(windowNumber: number, target: TransferRequest): Promise<HallTicketRef>;
  finish(windowNumber: number, serviceCodes: string[]): Promise<HallTicketRef>;
  pause(windowNumber: number, paused: boolean): Promise<WindowView>;
  login(windowNumber: number, who: { clerkId: string } | { idNumber: string }, pin: string): Promise<WindowView>;
  logout(windowNumber: number): Promise<WindowView>;
  evaluate(ticketId: string, level: number, reasons: string[]): Promise<Evaluation>;
  checkIn(request: { code?: string; idNumber?: string }, requestId: string): Promise<IssuedTicket>;
  createPrefill(application: PrefillApplication, requestId: string): Promise<PrefillTicket>;
  openPrefill(code: string): Promise<OpenedPrefill>;
  rotateToken(): Promise<string>;
}

/** How long a retry of a lost request waits: a citizen stands at the kiosk meanwhile. */
const RETRY_DELAYS_MS = [200, 800];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `token` is read at every call: the terminal's token changes when it is rotated. */
export function createHallClient(baseUrl: string, terminalId: string, token: () => string | undefined = () => undefined): HallClient {
  const server = { zh: '大厅服务器', en: 'hall server' };
  const call = <B extends z.ZodType | null, R extends z.ZodType>(route: HttpRoute<B, R>, body: B extends z.ZodType ? z.input<B> : undefined, timeoutMs?: number) =>
    callRoute(baseUrl, route, body, { server, token: token(), timeoutMs });
  /**
   * A call that creates something (a number, a pre-fill code) is sent again when no answer came (the
   * reply was lost, the hall was restarting), with the same request id: the hall answers a repeat with
   * the first ticket, so one tap never makes two numbers. Other calls are not repeated.
   */
  const create = async <B extends z.ZodType | null, R extends z.ZodType>(route: HttpRoute<B, R>, body: B extends z.ZodType ? z.input<B> : undefined, requestId: string): Promise<z.output<R>> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await callRoute(baseUrl, route, body, { server, token: token(), headers: { [IDEMPOTENCY_HEADER]: requestId } });
      } catch (error) {
        const unanswered = error instanceof RpcError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT');
        if (!unanswered || attempt >= RETRY_DELAYS_MS.length) throw error;
        await sleep(RETRY_DELAYS_MS[attempt]!);
      }
    }
  };
  return {
    health: () => call(hallApi.health, undefined, 3000),
    listQueues: async () => (await call(hallApi.listQueues, undefined)).queues,
    issueTicket: (queueId, options, requestId) => create(hallApi.issueTicket, { queueId, terminalId, ...options }, requestId),
    snapshot: () => call(hallApi.snapshot, undefined),
    callNext: (windowNumber) => call(hallApi.callNext, { windowNumber }),
    recall: (windowNumber) => call(hallApi.recall, { windowNumber }),
    noShow: (windowNumber) => call(hallApi.noShow, { windowNumber }),
    park: (windowNumber) => call(hallApi.park, { windowNumber }),
    resume: (windowNumber, ticketId) => call(hallApi.resume, { windowNumber, ticketId }),
    reinstate: (ticketNumber) => call(hallApi.reinstate, { ticketNumber }),
    transfer: (windowNumber, target) => call(hallApi.transfer, { windowNumber, ...target }),
    finish: (windowNumber, serviceCodes) => call(hallApi.finish, { windowNumber, serviceCodes }),
    pause: (windowNumber, paused) => call(hallApi.pause, { windowNumber, paused }),
    login: (windowNumber, who, pin) => call(hallApi.login, { windowNumber, ...who, pin }),
    logout: (windowNumber) => call(hallApi.logout, { windowNumber }),
    createPrefill: (application, requestId) => create(hallApi.createPrefill, { application }, requestId),
    openPrefill: (code) => call(hallApi.openPrefill, { code }),
    checkIn: (request, requestId) => create(hallApi.checkIn, { terminalId, ...request }, requestId),
    evaluate: (ticketId, level, reasons) => call(hallApi.evaluate, { ticketId, level, reasons }),
    rotateToken: async () => (await call(hallApi.rotateToken, {})).token,
  };
}
