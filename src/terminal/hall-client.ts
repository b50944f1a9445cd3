import { hallApi, type HallSnapshot } from '../shared/hall-api.js';
import type { HallTicketRef, WindowView } from '../shared/hall-events.js';
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
  issueTicket(queueId: string, priority?: boolean): Promise<Ticket>;
  snapshot(): Promise<HallSnapshot>;
  callNext(windowNumber: number): Promise<HallTicketRef>;
  recall(windowNumber: number): Promise<HallTicketRef>;
  noShow(windowNumber: number): Promise<HallTicketRef>;
  park(windowNumber: number): Promise<HallTicketRef>;
  resume(windowNumber: number, ticketId: string): Promise<HallTicketRef>;
  transfer(windowNumber: number, target: TransferRequest): Promise<HallTicketRef>;
  finish(windowNumber: number, serviceCodes: string[]): Promise<HallTicketRef>;
  pause(windowNumber: number, paused: boolean): Promise<WindowView>;
  reinstate(ticketId: string): Promise<HallTicketRef>;
}

const server = { zh: '大厅服务器', en: 'hall server' };

export function createHallClient(baseUrl: string, terminalId: string): HallClient {
  return {
    health: () => callRoute(baseUrl, hallApi.health, undefined, { server, timeoutMs: 3000 }),
    listQueues: async () => (await callRoute(baseUrl, hallApi.listQueues, undefined, { server })).queues,
    issueTicket: (queueId, priority = false) => callRoute(baseUrl, hallApi.issueTicket, { queueId, terminalId, priority }, { server }),
    snapshot: () => callRoute(baseUrl, hallApi.snapshot, undefined, { server }),
    callNext: (windowNumber) => callRoute(baseUrl, hallApi.callNext, { windowNumber }, { server }),
    recall: (windowNumber) => callRoute(baseUrl, hallApi.recall, { windowNumber }, { server }),
    noShow: (windowNumber) => callRoute(baseUrl, hallApi.noShow, { windowNumber }, { server }),
    park: (windowNumber) => callRoute(baseUrl, hallApi.park, { windowNumber }, { server }),
    resume: (windowNumber, ticketId) => callRoute(baseUrl, hallApi.resume, { windowNumber, ticketId }, { server }),
    transfer: (windowNumber, target) => callRoute(baseUrl, hallApi.transfer, { windowNumber, ...target }, { server }),
    finish: (windowNumber, serviceCodes) => callRoute(baseUrl, hallApi.finish, { windowNumber, serviceCodes }, { server }),
    pause: (windowNumber, paused) => callRoute(baseUrl, hallApi.pause, { windowNumber, paused }, { server }),
    reinstate: (ticketId) => callRoute(baseUrl, hallApi.reinstate, { ticketId }, { server }),
  };
}
