import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CustomerView } from '../../src/shared/customer-view.js';
import { HALL_EVENTS_PATH, HallStreamMessageSchema, type HallStreamMessage } from '../../src/shared/hall-api.js';
import type { HallStats } from '../../src/shared/hall-stats.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { managerCookie } from '../helpers/manager-login.js';
import { postToHall, useHallServers } from '../helpers/hall-http.js';
import { pageOf, useTestHosts } from '../helpers/host.js';
import { startTestHall } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const startHall = useHallServers();
const startHost = useTestHosts();
const sockets: WebSocket[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function listen(base: string, query: string, messages: HallStreamMessage[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}${HALL_EVENTS_PATH}${query}`);
    sockets.push(socket);
    socket.on('message', (data) => messages.push(HallStreamMessageSchema.parse(JSON.parse(String(data)))));
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

const post = async (base: string, path: string, body: object) => (await postToHall(base, path, body)).body;

describe('attack: 50 boards start at once on a hall with a morning behind it', () => {
  it(
    'each gets resync and no history, every one hears the next event live, and the hall answers meanwhile',
    { timeout: 60_000 },
    async () => {
      const hall = await startHall(TEST_HALL);
      for (let i = 0; i < 100; i++) await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
      const history = 101; // the configuration, then the numbers

      const boards = Array.from({ length: 50 }, () => [] as HallStreamMessage[]);
      const opened = boards.map((messages, index) => listen(hall.base, index % 2 ? '?after=0' : '', messages));
      const health = await fetch(`${hall.base}/api/v1/health`);
      expect(health.status).toBe(200);
      await Promise.all(opened);
      await waitFor(() => boards.every((messages) => messages.some((message) => message.kind === 'resync')));
      for (const messages of boards) {
        expect(messages.filter((message) => message.kind !== 'heartbeat')).toEqual([{ kind: 'resync', seq: history }]);
      }

      const next = await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
      await waitFor(() => boards.every((messages) => messages.some((message) => message.kind === 'event')));
      for (const messages of boards) {
        expect(messages.filter((message) => message.kind === 'event')).toEqual([
          {
            kind: 'event',
            live: true,
            event: expect.objectContaining({ seq: history + 1, ticket: expect.objectContaining({ ticketNumber: next.body.ticketNumber }) }),
          },
        ]);
      }
    },
  );
});

describe('attack: a counter starts after the last service of its window finished', () => {
  it('its customer screen asks nobody to rate that service, and no rating can be recorded for it', { timeout: 30_000 }, async () => {
    const hall = await startTestHall();
    cleanups.push(() => hall.close());
    await post(hall.hallUrl, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    await post(hall.hallUrl, '/api/v1/calls/next', { windowNumber: 3 });
    await post(hall.hallUrl, '/api/v1/calls/finish', { windowNumber: 3 });

    const { host } = await startHost('counter', { running: hall });
    const operator = pageOf(host, 'operator');
    const customer = pageOf(host, 'customer');
    const views: CustomerView[] = [];
    const heard: string[] = [];
    customer.on('display.customerView', (view) => views.push(view));
    operator.on('hall.event', (event) => heard.push(event.type));
    host.start();
    await waitFor(async () => (await operator.invoke('system.linkStatus', {})).hall === 'online');
    // A number issued now comes after anything the stream would have replayed: once it is heard, all of that was.
    await post(hall.hallUrl, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    await waitFor(() => heard.includes('ticket.issued'));

    expect(heard).toEqual(['ticket.issued']);
    expect(views.some((view) => view.kind === 'rating')).toBe(false);
    expect(await customer.invoke('display.getCustomerView', {})).toMatchObject({ kind: 'welcome' });
    await expect(customer.invoke('customer.rate', { level: 5, reasons: [] })).rejects.toMatchObject({ code: 'REFUSED' });
    const cookie = await managerCookie(hall.hallUrl);
    const stats = (await (await fetch(`${hall.hallUrl}/api/v1/stats`, { headers: { cookie } })).json()) as HallStats;
    expect(stats.evaluations.count).toBe(0);
  });
});
