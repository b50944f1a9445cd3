import { hallApi } from '../shared/hall-api.js';
import type { QueueSummary, Ticket } from '../shared/queue.js';
import { callRoute } from './http-client.js';

export interface HallClient {
  health(): Promise<unknown>;
  listQueues(): Promise<QueueSummary[]>;
  issueTicket(queueId: string): Promise<Ticket>;
}

const server = { zh: '大厅服务器', en: 'hall server' };

export function createHallClient(baseUrl: string, terminalId: string): HallClient {
  return {
    health: () => callRoute(baseUrl, hallApi.health, undefined, { server, timeoutMs: 3000 }),
    listQueues: async () => (await callRoute(baseUrl, hallApi.listQueues, undefined, { server })).queues,
    issueTicket: (queueId) => callRoute(baseUrl, hallApi.issueTicket, { queueId, terminalId }, { server }),
  };
}
