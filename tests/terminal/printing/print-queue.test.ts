import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printDocument } from '../../../src/devices/printer/document.js';
import { createPrinterDriver } from '../../../src/devices/printer/driver.js';
import { printerProfile } from '../../../src/devices/printer/profiles.js';
import { startVirtualPrinter, type VirtualPrinter } from '../../../src/devices/printer/simulator.js';
import { createPrintQueue, type PrintQueue } from '../../../src/terminal/printing/print-queue.js';
import { PRINT_QUEUE_MIGRATION, type PrintJob } from '../../../src/terminal/printing/print-queue-store.js';
import { openDatabase, type Db } from '../../../src/storage/sqlite.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { pause, waitFor } from '../../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-print-');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MIGRATIONS = [{ version: 1, ...PRINT_QUEUE_MIGRATION }];
const ticket = (number: string) => printDocument([{ kind: 'text', text: number, align: 'center', width: 4, height: 4 }, { kind: 'cut' }]);

async function printer(condition: Parameters<typeof startVirtualPrinter>[0] extends infer O ? O : never = {}): Promise<VirtualPrinter> {
  const started = await startVirtualPrinter(condition);
  cleanups.push(() => started.close());
  return started;
}

function queue(db: Db, printers: VirtualPrinter[]): PrintQueue & { events: PrintJob[] } {
  const created = createPrintQueue({
    db,
    printers: printers.map((p, index) =>
      createPrinterDriver({ id: `p${index + 1}`, url: p.url, profile: printerProfile('80mm-gb18030'), statusTimeoutMs: 300 }),
    ),
    retryMs: 50,
  });
  const events: PrintJob[] = [];
  created.on('job', (job) => events.push(job));
  cleanups.push(() => created.stop());
  created.start();
  return Object.assign(created, { events });
}

describe('print queue', () => {
  it('prints a job on the virtual printer, which decodes it', async () => {
    const device = await printer();
    const q = queue(openDatabase(':memory:', MIGRATIONS), [device]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A001', document: ticket('A001') });
    await waitFor(() => q.job(job.id)?.state === 'done' && device.jobs.length === 1);
    expect(q.job(job.id)).toMatchObject({ printerId: 'p1', attempts: 1 });
    expect(device.jobs[0]!.transcript).toContain('[center 4x4] A001');
    expect(q.events.map((event) => event.state)).toEqual(['queued', 'printing', 'done']);
  });

  it('keeps a job while the printer is out of paper, says why, and prints it when paper is back', async () => {
    const device = await printer({ condition: 'paper-end' });
    const q = queue(openDatabase(':memory:', MIGRATIONS), [device]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A002', document: ticket('A002') });
    await waitFor(() => (q.job(job.id)?.attempts ?? 0) >= 2);
    expect(q.job(job.id)).toMatchObject({ state: 'queued', lastError: expect.stringContaining('缺纸') });
    expect(q.printers()[0]).toMatchObject({ ready: false, message: expect.stringContaining('out of paper') });
    expect(device.jobs).toEqual([]);
    device.setCondition('ready');
    await waitFor(() => device.jobs.length === 1);
    expect(q.job(job.id)!.state).toBe('done');
    expect(device.jobs.map((j) => j.transcript)).toEqual([expect.stringContaining('A002')]);
  });

  it('fails over to the next printer when the first cannot print', async () => {
    const first = await printer({ condition: 'cover-open' });
    const second = await printer();
    const q = queue(openDatabase(':memory:', MIGRATIONS), [first, second]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A003', document: ticket('A003') });
    await waitFor(() => second.jobs.length === 1);
    expect(q.job(job.id)!.printerId).toBe('p2');
    expect(first.jobs).toEqual([]);
    expect(second.jobs).toHaveLength(1);
  });

  it('keeps jobs across a restart of the terminal and prints them when the printer comes back', async () => {
    const file = join(tempDir(), 'terminal.db');
    const device = await printer({ condition: 'paper-end' });
    const firstRun = createPrintQueue({
      db: openDatabase(file, MIGRATIONS),
      printers: [createPrinterDriver({ id: 'p1', url: device.url, profile: printerProfile('80mm-gbk') })],
      retryMs: 50,
    });
    firstRun.start();
    const jobs = ['A010', 'A011', 'A012'].map((number) =>
      firstRun.enqueue({ template: 'queue-ticket', summary: number, document: ticket(number) }),
    );
    await pause(150);
    await firstRun.stop();

    device.setCondition('ready');
    const secondRun = queue(openDatabase(file, MIGRATIONS), [device]);
    await waitFor(() => device.jobs.length === 3);
    expect(jobs.every((job) => secondRun.job(job.id)?.state === 'done')).toBe(true);
    expect(device.jobs.map((j) => j.transcript.match(/A\d{3}/)![0])).toEqual(['A010', 'A011', 'A012']);
  });

  it('requeues a job that was being printed when the terminal stopped', () => {
    const db = openDatabase(':memory:', MIGRATIONS);
    db.prepare(
      "INSERT INTO print_jobs (id, created_at, updated_at, template, summary, document, state) VALUES ('j1', 'x', 'x', 't', 's', ?, 'printing')",
    ).run(JSON.stringify(ticket('A1')));
    const q = createPrintQueue({ db, printers: [] });
    expect(q.job('j1')!.state).toBe('queued');
  });

  it('fails a ticket that expired unprinted, and reprints any job on demand', async () => {
    const device = await printer({ condition: 'offline' });
    const q = queue(openDatabase(':memory:', MIGRATIONS), [device]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A020', document: ticket('A020'), expiresInMs: 100 });
    await waitFor(() => q.job(job.id)?.state === 'failed');
    expect(q.job(job.id)!.lastError).toContain('expired');
    device.setCondition('ready');
    const again = q.reprint(job.id);
    expect(again.reprintOf).toBe(job.id);
    await waitFor(() => q.job(again.id)?.state === 'done');
    expect(() => q.reprint('nope')).toThrow(/no print job/);
  });

  it('says when a printer cannot be reached at all', async () => {
    const device = await printer();
    const url = device.url;
    await device.close();
    const q = createPrintQueue({
      db: openDatabase(':memory:', MIGRATIONS),
      printers: [createPrinterDriver({ id: 'p1', url, profile: printerProfile('80mm-gbk') })],
    });
    const [state] = await q.checkPrinters();
    expect(state).toMatchObject({ ready: false, message: expect.stringContaining('cannot reach the printer') });
  });
});

describe('virtual printer', () => {
  it('writes each job as a transcript and a PNG, and drops what arrives while it cannot print', async () => {
    const out = tempDir();
    const device = await printer({ outDir: out });
    const q = queue(openDatabase(':memory:', MIGRATIONS), [device]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A030', document: ticket('A030') });
    await waitFor(() => q.job(job.id)?.state === 'done');
    const { existsSync, readFileSync } = await import('node:fs');
    await waitFor(() => existsSync(join(out, 'job-0001.png')), 8000);
    expect(readFileSync(join(out, 'job-0001.txt'), 'utf8')).toContain('A030');
    expect(readFileSync(join(out, 'job-0001.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('numbers on from the slips a printer before it left in its directory, and overwrites none', async () => {
    const out = tempDir();
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(join(out, 'job-0007.txt'), 'yesterday\n');
    const device = await printer({ outDir: out });
    const q = queue(openDatabase(':memory:', MIGRATIONS), [device]);
    const job = q.enqueue({ template: 'queue-ticket', summary: 'A031', document: ticket('A031') });
    await waitFor(() => q.job(job.id)?.state === 'done');
    await waitFor(() => device.jobs.length === 1);
    expect(readFileSync(join(out, 'job-0007.txt'), 'utf8')).toBe('yesterday\n');
    expect(readFileSync(join(out, 'job-0008.txt'), 'utf8')).toContain('A031');
  });
});
