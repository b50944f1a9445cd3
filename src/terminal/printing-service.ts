import type { PrinterDriver } from '../devices/printer/driver.js';
import { layout } from '../devices/printer/layout.js';
import { previewSvg } from '../devices/printer/preview.js';
import { renderTemplate } from '../devices/printer/templates.js';
import type { PrintTemplateData, PrintTemplateName } from '../shared/print-templates.js';
import type { PrintersStatus, PrintJobView } from '../shared/printing.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { Db } from '../storage/sqlite.js';
import type { Emit } from './emit.js';
import { createPrintQueue } from './printing/print-queue.js';
import type { PrintJob } from './printing/print-queue-store.js';

export interface PrintingDeps {
  /** The device manager's printers, main printer first. */
  printers: readonly PrinterDriver[];
  db: Db;
  emit: Emit<'printer.job' | 'printer.status'>;
}

/** Queues a slip of one of the templates K, its data typed by the template; null when the terminal has no printer. */
export type Print<K extends PrintTemplateName = PrintTemplateName> = <T extends K>(
  template: T,
  data: PrintTemplateData<T>,
  summary: string,
) => PrintJobView | null;

/** How long a queue ticket may wait for a printer before it is pointless: the citizen has the number on screen. */
const TICKET_EXPIRY_MS = 10 * 60_000;
const STATUS_CHECK_MS = 15_000;

const view = (job: PrintJob): PrintJobView => ({
  id: job.id,
  template: job.template,
  summary: job.summary,
  state: job.state,
  printerId: job.printerId,
  createdAt: job.createdAt,
  error: job.lastError,
});

/**
 * The terminal's printing: slips from templates into the persisted queue, job and printer events to
 * the pages, previews for the reprint view. Without a configured printer every call says so.
 */
export function createPrintingService({ printers, db, emit }: PrintingDeps) {
  const queue = printers.length ? createPrintQueue({ db, printers }) : null;
  let timer: ReturnType<typeof setInterval> | undefined;

  queue?.on('job', (job) => emit('printer.job', view(job)));
  queue?.on('printer', () => emit('printer.status', { printers: queue.printers() }));

  const need = () => {
    if (!queue) throw new RpcError('UNAVAILABLE', '本终端未配置打印机 / this terminal has no printer configured');
    return queue;
  };
  const existing = (jobId: string): PrintJob => {
    const job = need().job(jobId);
    if (!job) throw new RpcError('NOT_FOUND', `没有这个打印任务 / no print job ${jobId}`);
    return job;
  };

  /** Null without a printer, so a ticket is still issued and shown. */
  const print: Print = (template, data, summary) => {
    if (!queue) return null;
    const expiresInMs = template === 'queue-ticket' ? TICKET_EXPIRY_MS : undefined;
    return view(queue.enqueue({ template, summary, document: renderTemplate(template, data), expiresInMs }));
  };

  return {
    print,
    status: (): PrintersStatus => ({ printers: queue?.printers() ?? [] }),
    jobs: (limit: number) => ({ jobs: need().recent(limit).map(view) }),
    job: (jobId: string): PrintJobView => view(existing(jobId)),
    reprint(jobId: string): PrintJobView {
      existing(jobId);
      return view(need().reprint(jobId));
    },
    preview(jobId: string): { svg: string } {
      existing(jobId);
      // The preview is drawn for the main printer's paper, which exists wherever a job does.
      const paper = printers[0]!.profile;
      return { svg: previewSvg(layout(need().document(jobId)!, paper), paper.dots) };
    },
    start() {
      if (!queue) return;
      queue.start();
      void queue.checkPrinters();
      timer = setInterval(() => void queue.checkPrinters(), STATUS_CHECK_MS);
    },
    async stop() {
      clearInterval(timer);
      await queue?.stop();
    },
  };
}
