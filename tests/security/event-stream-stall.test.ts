import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerView } from '../../src/shared/customer-view.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import type { LinkStatus } from '../../src/shared/link-status.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { postToHall } from '../helpers/hall-http.js';
import { pageOf, useTestHosts } from '../helpers/host.js';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy.js';
import { startTestHall, type TestHall } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const startHost = useTestHosts();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A hall that beats every 100 ms, and a counter (window 3) that reaches it only through a proxy that can go silent. */
async function counterBehindProxy(): Promise<{
  hall: TestHall;
  proxy: StallProxy;
  heard: (HallEvent & { live: boolean })[];
  links: LinkStatus[];
  views: CustomerView[];
}> {
  const hall = await startTestHall({ ...TEST_HALL, eventStream: { heartbeatSeconds: 0.1 } });
  cleanups.push(() => hall.close());
  const proxy = await startStallProxy(hall.hallUrl);
  cleanups.push(() => proxy.close());
  const { host } = await startHost('counter', { running: hall, hallUrl: proxy.url });
  const operator = pageOf(host, 'operator');
  const customer = pageOf(host, 'customer');
  const heard: (HallEvent & { live: boolean })[] = [];
  const links: LinkStatus[] = [];
  const views: CustomerView[] = [];
  operator.on('hall.event', (event) => heard.push(event));
  customer.on('system.linkStatus', (status) => links.push(status));
  customer.on('display.customerView', (view) => views.push(view));
  host.start();
  await waitFor(() => links.at(-1)?.hall === 'online');
  return { hall, proxy, heard, links, views };
}

const post = async (hall: TestHall, path: string, body: object) =>
  (await postToHall(hall.hallUrl, path, body)).body as { ticketNumber?: string };

describe('attack: the path between hall and terminal goes silent without closing', () => {
  it(
    'the terminal declares the hall link down after missed heartbeats, reconnects once the path forwards, and hears the hall again',
    { timeout: 30_000 },
    async () => {
      const { hall, proxy, heard, links, views } = await counterBehindProxy();
      const before = await post(hall, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
      await waitFor(() => heard.some((event) => event.ticket?.ticketNumber === before.ticketNumber && event.live));

      proxy.stall();
      // Nothing closed: only the missing heartbeats tell the terminal, and every page shows it.
      await waitFor(() => links.at(-1)?.hall === 'offline', 10_000);
      // Served and finished at this counter's window while it heard nothing: it comes later, to catch up.
      const missed = await post(hall, '/api/v1/calls/next', { windowNumber: 3 });
      await post(hall, '/api/v1/calls/finish', { windowNumber: 3 });

      proxy.resume();
      await waitFor(() => links.at(-1)?.hall === 'online', 15_000);
      await waitFor(
        () => heard.some((event) => event.type === 'ticket.finished' && event.ticket?.ticketNumber === missed.ticketNumber),
        15_000,
      );
      expect(
        heard.filter((event) => event.type !== 'ticket.issued').map((event) => [event.type, event.ticket?.ticketNumber, event.live]),
      ).toEqual([
        ['ticket.called', missed.ticketNumber, false],
        ['ticket.finished', missed.ticketNumber, false],
      ]);
      const after = await post(hall, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
      await waitFor(() => heard.some((event) => event.ticket?.ticketNumber === after.ticketNumber && event.live));
      // A service finished while the counter was cut off is long over: nobody at the window is asked to rate it.
      expect(views.some((view) => view.kind === 'rating')).toBe(false);
    },
  );
});
