import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { pageOf, useTestHosts } from '../helpers/host.js';
import { waitFor } from '../helpers/wait-for.js';

const hallAndHost = useTestHosts();

describe('the window display of a counter', () => {
  it('shows the number called at its window, 暂停服务 while paused and 欢迎 after', async () => {
    const { host } = await hallAndHost('counter', { hall: TEST_HALL_WITH_CLERK, devices: { windowDisplay: { kind: 'simulated' } } });
    host.start();
    const file = join(host.config.dataDir!, 'window-display.txt');
    const shown = () => readFileSync(file, 'utf8').trim();
    await waitFor(() => shown() === '欢迎');
    const clerk = pageOf(host, 'operator');
    await clerk.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    await pageOf(host, 'kiosk').invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
    const called = await clerk.invoke('counter.callNext', {});
    await waitFor(() => shown() === `请 ${called.ticketNumber} 号 到 3 号窗口`);
    await clerk.invoke('counter.finish', { serviceCodes: ['000001'] });
    await waitFor(() => shown() === '欢迎');
    await clerk.invoke('counter.pause', { paused: true });
    await waitFor(() => shown() === '暂停服务');
  });
});
