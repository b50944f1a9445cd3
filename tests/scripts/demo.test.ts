import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../../scripts/demo.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import type { LinkStatus } from '../../src/shared/link-status.js';
import { pageOf } from '../helpers/host.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-demo-');

describe('the demo hall', () => {
  it(
    'restarts its hall server on the same port and data, brings it back when it is killed, and its terminals follow without a reload',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const demo = await startDemo({ dataDir, freePrinterPorts: true, staticDir: tempDir() });
      const pidFile = () => Number(readFileSync(join(dataDir, 'hall.pid'), 'utf8'));
      try {
        const terminal = (role: string) => demo.terminals.find((candidate) => candidate.host.config.role === role)!.host;
        const board = pageOf(terminal('board'), 'board');
        const kiosk = pageOf(terminal('kiosk'), 'kiosk');
        const heard: HallEvent[] = [];
        let link: LinkStatus['hall'] = 'unknown';
        board.on('hall.event', (event) => heard.push(event));
        board.on('system.linkStatus', (status) => (link = status.hall));
        // Until the kiosk itself sees the hall again it issues from its lease (离线取号), which this test is not about.
        const bothOnline = async () => link === 'online' && (await kiosk.invoke('system.linkStatus', {})).hall === 'online';
        await waitFor(async () => (await board.invoke('system.linkStatus', {})).hall === 'online', 30_000);
        const first = await kiosk.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
        await waitFor(() => heard.some((event) => event.ticket?.ticketNumber === first.ticketNumber), 10_000);

        const before = demo.hall;
        const restarted = await demo.restartHall();
        expect(before.process.exitCode).toBe(0);
        expect(restarted.url).toBe(before.url);
        expect(demo.hall).toBe(restarted);

        await waitFor(bothOnline, 30_000);
        const second = await kiosk.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
        await waitFor(() => heard.some((event) => event.ticket?.ticketNumber === second.ticketNumber), 10_000);
        // The same hall day goes on: the numbering continues from the database.
        expect(Number(second.ticketNumber.slice(1))).toBe(Number(first.ticketNumber.slice(1)) + 1);

        // Killed from outside (a crash, or a technician's kill by hall.pid, as the README says): the demo brings it back on its port.
        const killed = demo.hall;
        expect(pidFile()).toBe(killed.process.pid);
        process.kill(pidFile(), 'SIGKILL');
        await waitFor(() => demo.hall !== killed, 30_000);
        expect(demo.hall.url).toBe(killed.url);
        expect(pidFile()).toBe(demo.hall.process.pid);
        await waitFor(bothOnline, 30_000);
        const third = await kiosk.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'comprehensive' });
        await waitFor(() => heard.some((event) => event.ticket?.ticketNumber === third.ticketNumber), 10_000);
      } finally {
        await demo.stop();
      }
    },
  );
});
