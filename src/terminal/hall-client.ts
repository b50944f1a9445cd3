import type { Evaluation } from '../shared/evaluation.js';
import { hallApi, type HallSnapshot } from '../shared/hall-api.js';
import type { HallTicketRef, WindowView } from '../shared/hall-events.js';
import type { OpenedPrefill, PrefillApplication, PrefillTicket } from '../shared/prefill.js';
import type { QueueSummary, Ticket } from '../shared/queue.js';
import { callRoute } from './http-client.js';

export interface TransferRequest {
  toQueueId?: string;
  toWindowNumber?: number;
  note?: string;
}

export interface HallClient {
  health(): Promise<unknown>;
  listQueues(): Promise<QueueSummary[]>;
  issueTicket(queueId: string, options?: { priority?: boolean; idNumber?: string }): Promise<Ticket>;
  snapshot(): Promise<HallSnapshot>;
  callNext(windowNumber: number): Promise<HallTicketRef>;
  recall(windowNumber: number): Promise<HallTicketRef>;
  noShow(windowNumber: number): Promise<HallTicketRef>;
  park(windowNumber: number): Promise<HallTicketRef>;
  resume(windowNumber: number, ticketId: string): Promise<HallTicketRef>;
  transfer(windowNumber: number, target: TransferRequest): Promise<HallTicketRef>;
  finish(windowNumber: number, serviceCodes: string[]): Promise<HallTicketRef>;
  pause(windowNumber: number, paused: boolean): Promise<WindowView>;
  login(windowNumber: number, who: { clerkId: string } | { idNumber: string }, pin: string): Promise<WindowView>;
  logout(windowNumber: number): Promise<WindowView>;
  evaluate(ticketId: string, level: number, reasons: string[]): Promise<Evaluation>;
  checkIn(request: { code?: string; idNumber?: string }): Promise<Ticket>;
  createPrefill(application: PrefillApplication): Promise<PrefillTicket>;
  openPrefill(code: string): Promise<OpenedPrefill>;
}

export function createHallClient(baseUrl: string, terminalId: string, token?: string): HallClient {
  const server = { zh: '大厅服务器', en: 'hall server' };
  return {
    health: () => callRoute(baseUrl, hallApi.health, undefined, { server, token, timeoutMs: 3000 }),
    listQueues: async () => (await callRoute(baseUrl, hallApi.listQueues, undefined, { server, token })).queues,
    issueTicket: (queueId, options = {}) => callRoute(baseUrl, hallApi.issueTicket, { queueId, terminalId, ...options }, { server, token }),
    snapshot: () => callRoute(baseUrl, hallApi.snapshot, undefined, { server, token }),
    callNext: (windowNumber) => callRoute(baseUrl, hallApi.callNext, { windowNumber }, { server, token }),
    recall: (windowNumber) => callRoute(baseUrl, hallApi.recall, { windowNumber }, { server, token }),
    noShow: (windowNumber) => callRoute(baseUrl, hallApi.noShow, { windowNumber }, { server, token }),
    park: (windowNumber) => callRoute(baseUrl, hallApi.park, { windowNumber }, { server, token }),
    resume: (windowNumber, ticketId) => callRoute(baseUrl, hallApi.resume, { windowNumber, ticketId }, { server, token }),
    transfer: (windowNumber, target) => callRoute(baseUrl, hallApi.transfer, { windowNumber, ...target }, { server, token }),
    finish: (windowNumber, serviceCodes) => callRoute(baseUrl, hallApi.finish, { windowNumber, serviceCodes }, { server, token }),
    pause: (windowNumber, paused) => callRoute(baseUrl, hallApi.pause, { windowNumber, paused }, { server, token }),
    login: (windowNumber, who, pin) => callRoute(baseUrl, hallApi.login, { windowNumber, ...who, pin }, { server, token }),
    logout: (windowNumber) => callRoute(baseUrl, hallApi.logout, { windowNumber }, { server, token }),
    createPrefill: (application) => callRoute(baseUrl, hallApi.createPrefill, { application }, { server, token }),
    openPrefill: (code) => callRoute(baseUrl, hallApi.openPrefill, { code }, { server, token }),
    checkIn: (request) => callRoute(baseUrl, hallApi.checkIn, { terminalId, ...request }, { server, token }),
    evaluate: (ticketId, level, reasons) => callRoute(baseUrl, hallApi.evaluate, { ticketId, level, reasons }, { server, token }),
  };
}
