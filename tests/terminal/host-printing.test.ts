import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startVirtualPrinter, type VirtualPrinter } from '../../src/devices/printer/simulator.js';
import type { Events, Methods } from '../../src/shared/contract.js';
import type { PrintJobView } from '../../src/shared/printing.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { startTestHall, testTerminalConfig } from '../helpers/terminal.js';
import { decodeQr } from '../helpers/decode-qr.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';
import { hallApi } from '../../src/shared/hall-api.js';
import { LiveHallSchema } from '../../src/shared/manager-console.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskWithPrinter(printer: VirtualPrinter | null) {
  const hall = await startTestHall();
  cleanups.push(() => hall.close());
  const config = testTerminalConfig('kiosk', hall.hallUrl, hall.platformUrl, printer ? { printer: { url: printer.url } } : {});
  const host: TerminalHost = createTerminalHost({
    config,
    version: 'test',
    validateOutput: true,
    linkCheckIntervalMs: 60_000,
    deviceReportIntervalMs: 100,
  });
  cleanups.push(() => host.stop());
  host.start();
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, 'kiosk');
  const rpc = createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
  const jobs: PrintJobView[] = [];
  rpc.on('printer.job', (job) => jobs.push(job));
  return { rpc, jobs, hall, terminalId: config.terminalId };
}

describe('terminal host printing', () => {
  it("prints the queue ticket it issues, with the number and a QR of the ticket's page, and previews it", async () => {
    const printer = await startVirtualPrinter({ outDir: tempDir() });
    cleanups.push(() => printer.close());
    const { rpc, jobs } = await kioskWithPrinter(printer);
    const ticket = await rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tax' });
    expect(ticket.print).toMatchObject({ template: 'queue-ticket', summary: 'C001 税务', state: 'queued' });
    await waitFor(() => printer.jobs.length === 1);
    expect(printer.jobs[0]!.transcript).toContain('[center 4x4 bold] C001');
    expect(ticket.statusUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/t\/[A-Za-z0-9_-]{24}$/);
    expect(printer.jobs[0]!.transcript).toContain(`[qr 5 center] ${ticket.statusUrl}`);
    // The paper as a phone's camera sees it leads to the ticket's page.
    const png = `${printer.jobs[0]!.basePath}.png`;
    await waitFor(() => existsSync(png));
    const scanned = decodeQr(png);
    expect(scanned).toBe(ticket.statusUrl);
    const page = await fetch(scanned);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('C001');
    await waitFor(() => jobs.some((job) => job.id === ticket.print!.id && job.state === 'done'));
    const preview = await rpc.invoke('printer.preview', { jobId: ticket.print!.id });
    expect(preview.svg).toMatch(/^<svg/);
    expect(preview.svg).toContain('C001');
  });

  it('still issues the number when the printer is out of paper, and says why it does not print', async () => {
    const printer = await startVirtualPrinter({ condition: 'paper-end' });
    cleanups.push(() => printer.close());
    const { rpc, jobs } = await kioskWithPrinter(printer);
    const ticket = await rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tax' });
    expect(ticket.ticketNumber).toBe('C001');
    await waitFor(() => jobs.some((job) => job.id === ticket.print!.id && job.error !== null));
    expect(jobs.at(-1)!.error).toContain('缺纸');
    expect((await rpc.invoke('printer.status', {})).printers[0]).toMatchObject({ ready: false });
    printer.setCondition('ready');
    await waitFor(() => printer.jobs.length === 1, 8000);
  });

  it('tells the hall its printer is out of paper: the console raises an alert, which clears once paper is back', async () => {
    const printer = await startVirtualPrinter({ condition: 'paper-end' });
    cleanups.push(() => printer.close());
    const { rpc, hall, terminalId } = await kioskWithPrinter(printer);
    await rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tax' });
    const cookie = await managerCookie(hall.hallUrl);
    const alerts = async () => LiveHallSchema.parse((await consoleCall(hall.hallUrl, cookie, hallApi.liveHall.path)).body).alerts;
    await waitFor(async () => (await alerts()).some((alert) => alert.kind === 'deviceFault'), 8000);
    const [fault] = await alerts();
    expect(fault).toMatchObject({ kind: 'deviceFault', clearedAt: null, subject: expect.stringContaining(`${terminalId}/`) });
    expect(fault!.subjectName).toContain('缺纸');
    printer.setCondition('ready');
    await waitFor(async () => (await alerts()).every((alert) => alert.clearedAt !== null), 8000);
  });

  it('issues the number without a printer and says there is none', async () => {
    const { rpc } = await kioskWithPrinter(null);
    const ticket = await rpc.invoke('queue.takeTicket', { requestId: randomUUID(), queueId: 'tax' });
    expect(ticket.print).toBeNull();
    await expect(rpc.invoke('printer.preview', { jobId: 'x' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
