import type { PrintDocument } from '../../devices/printer/document.js';
import type { PrinterDriver, PrinterState } from '../../devices/printer/driver.js';
import { Emitter } from '../../devices/events.js';
import { createPollLoop } from '../../devices/poll-loop.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { Db } from '../../storage/sqlite.js';
import { createPrintQueueStore, type JobState, type PrintJob } from './print-queue-store.js';

export interface PrintQueueOptions {
  db: Db;
  /** In order of preference: a job goes to the first that can print, so the others are the failover. */
  printers: readonly PrinterDriver[];
  retryMs?: number;
  now?: () => Date;
}

export interface EnqueueRequest {
  template: string;
  summary: string;
  document: PrintDocument;
  /** A queue ticket is useless once the citizen has gone: after this it fails instead of printing. */
  expiresInMs?: number;
}

/**
 * The print queue: every job is written to SQLite before anything is sent, printed by the first
 * printer whose status says it can, retried when none can, and never dropped silently — it ends
 * done, or failed with the reason, and can be printed again on demand. A job that was being printed
 * when the terminal stopped is printed again at the next start: a second ticket beats a lost one.
 */
export function createPrintQueue(options: PrintQueueOptions) {
  const store = createPrintQueueStore(options.db);
  const now = options.now ?? (() => new Date());
  const retryMs = options.retryMs ?? 3000;
  const emitter = new Emitter<{ job: PrintJob; printer: PrinterState }>();
  for (const printer of options.printers) printer.on('state', (state) => emitter.emit('printer', state));

  store.requeueInterrupted();

  function update(
    id: string,
    state: JobState,
    fields: { printerId?: string | null; error?: string | null; attempt?: boolean } = {},
  ): PrintJob {
    const job = store.update(id, state, {
      printerId: fields.printerId ?? null,
      error: fields.error ?? null,
      attempt: fields.attempt ?? false,
      at: now().toISOString(),
    });
    emitter.emit('job', job);
    return job;
  }

  async function printNext(): Promise<boolean> {
    const job = store.nextQueued();
    if (!job) return false;
    if (job.expiresAt && job.expiresAt < now().toISOString()) {
      update(job.id, 'failed', { error: '已过期未打印：打印机长时间不可用 / expired unprinted: no printer could print it in time' });
      return true;
    }
    update(job.id, 'printing');
    const errors: string[] = [];
    for (const printer of options.printers) {
      const error = await printer.use(job.document);
      if (error === null) {
        update(job.id, 'done', { printerId: printer.id, attempt: true });
        return true;
      }
      errors.push(`${printer.id}: ${error}`);
    }
    update(job.id, 'queued', { error: errors.join('; ') || '未配置打印机 / no printer configured', attempt: true });
    return false;
  }

  const loop = createPollLoop(async (current) => {
    const progressed = await printNext().catch(() => false);
    if (!progressed) await current.sleep(retryMs);
  });

  function enqueueJob(request: EnqueueRequest, reprintOf: string | null): PrintJob {
    const at = now();
    const job = store.insert({
      id: uuidv7(at.getTime()),
      at: at.toISOString(),
      template: request.template,
      summary: request.summary,
      document: request.document,
      expiresAt: request.expiresInMs ? new Date(at.getTime() + request.expiresInMs).toISOString() : null,
      reprintOf,
    });
    emitter.emit('job', job);
    loop.wake();
    return job;
  }

  return Object.assign(emitter, {
    enqueue: (request: EnqueueRequest) => enqueueJob(request, null),
    /** A new job with the same document; the original keeps its history. */
    reprint(id: string): PrintJob {
      const original = store.queued(id);
      if (!original) throw new Error(`没有这个打印任务 / no print job ${id}`);
      return enqueueJob({ template: original.template, summary: original.summary, document: original.document }, id);
    },
    job: (id: string): PrintJob | null => store.job(id),
    document: (id: string): PrintDocument | null => store.queued(id)?.document ?? null,
    recent: (limit: number): PrintJob[] => store.recent(limit),
    printers: (): PrinterState[] => options.printers.map((printer) => printer.state()),
    /** Asks every printer for its status now, for the pages' printer panel and the kiosk's warning. */
    async checkPrinters(): Promise<PrinterState[]> {
      for (const printer of options.printers) await printer.use();
      return this.printers();
    },
    start: () => loop.start(),
    stop: () => loop.stop(),
  });
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;
