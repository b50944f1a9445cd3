import type { Migration } from '../../storage/sqlite.js';
import type { Db } from '../../storage/sqlite.js';
import { uuidv7 } from '../../shared/uuid.js';
import { Emitter } from '../events.js';
import { createPollLoop } from '../poll-loop.js';
import { openPrinter, parsePrinterUrl, type PrinterConnection, type PrinterAddress } from './connection.js';
import { PrintDocumentSchema, type PrintDocument } from './document.js';
import { encodeEscPos } from './encoder.js';
import type { PrinterProfile } from './profiles.js';
import { canPrint, describeStatus } from './status.js';

export const PRINT_QUEUE_MIGRATION: Omit<Migration, 'version'> = {
  name: 'print queue',
  sql: `
    CREATE TABLE print_jobs (
      id          TEXT PRIMARY KEY,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      template    TEXT NOT NULL,
      summary     TEXT NOT NULL,
      document    TEXT NOT NULL,
      state       TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
      printer_id  TEXT,
      attempts    INTEGER NOT NULL DEFAULT 0,
      last_error  TEXT,
      expires_at  TEXT,
      reprint_of  TEXT
    ) STRICT;
    CREATE INDEX print_jobs_state ON print_jobs (state);
  `,
};

export type JobState = 'queued' | 'printing' | 'done' | 'failed';

export interface PrintJob {
  id: string;
  createdAt: string;
  template: string;
  /** A line for lists: "A001 综合一窗", "受理回执 2026…". */
  summary: string;
  state: JobState;
  printerId: string | null;
  attempts: number;
  lastError: string | null;
  reprintOf: string | null;
}

export interface QueuePrinter {
  id: string;
  url: string;
  profile: PrinterProfile;
}

export interface PrinterState {
  printerId: string;
  ready: boolean;
  message: string;
}

export interface PrintQueueOptions {
  db: Db;
  /** In order of preference: a job goes to the first that can print, so the others are the failover. */
  printers: QueuePrinter[];
  retryMs?: number;
  statusTimeoutMs?: number;
  now?: () => Date;
  open?: (address: PrinterAddress) => Promise<PrinterConnection>;
}

export interface EnqueueRequest {
  template: string;
  summary: string;
  document: PrintDocument;
  /** A queue ticket is useless once the citizen has gone: after this it fails instead of printing. */
  expiresInMs?: number;
}

interface JobRow {
  id: string;
  created_at: string;
  template: string;
  summary: string;
  document: string;
  state: JobState;
  printer_id: string | null;
  attempts: number;
  last_error: string | null;
  expires_at: string | null;
  reprint_of: string | null;
}

const toJob = (row: JobRow): PrintJob => ({
  id: row.id,
  createdAt: row.created_at,
  template: row.template,
  summary: row.summary,
  state: row.state,
  printerId: row.printer_id,
  attempts: row.attempts,
  lastError: row.last_error,
  reprintOf: row.reprint_of,
});

/**
 * The print queue: every job is written to SQLite before anything is sent, printed by the first
 * printer whose status says it can, retried when none can, and never dropped silently — it ends
 * done, or failed with the reason, and can be printed again on demand. A job that was being printed
 * when the terminal stopped is printed again at the next start: a second ticket beats a lost one.
 */
export function createPrintQueue(options: PrintQueueOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const retryMs = options.retryMs ?? 3000;
  const statusTimeoutMs = options.statusTimeoutMs ?? 1500;
  const open = options.open ?? ((address: PrinterAddress) => openPrinter(address));
  const emitter = new Emitter<{ job: PrintJob; printer: PrinterState }>();
  const printerStates = new Map<string, PrinterState>();

  db.prepare("UPDATE print_jobs SET state = 'queued' WHERE state = 'printing'").run();

  const insert = db.prepare(`INSERT INTO print_jobs (id, created_at, updated_at, template, summary, document, state, expires_at, reprint_of)
    VALUES (@id, @now, @now, @template, @summary, @document, 'queued', @expiresAt, @reprintOf)`);
  const byId = db.prepare<[string], JobRow>('SELECT * FROM print_jobs WHERE id = ?');
  const nextQueued = db.prepare<[], JobRow>("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY rowid LIMIT 1");
  const setState = db.prepare(
    'UPDATE print_jobs SET state = @state, printer_id = @printerId, attempts = attempts + @attempt, last_error = @error, updated_at = @now WHERE id = @id',
  );
  const recent = db.prepare<[number], JobRow>('SELECT * FROM print_jobs ORDER BY rowid DESC LIMIT ?');

  function update(id: string, state: JobState, fields: { printerId?: string | null; error?: string | null; attempt?: boolean } = {}): PrintJob {
    setState.run({ id, state, printerId: fields.printerId ?? null, error: fields.error ?? null, attempt: fields.attempt ? 1 : 0, now: now().toISOString() });
    const job = toJob(byId.get(id)!);
    emitter.emit('job', job);
    return job;
  }

  function reportPrinter(printerId: string, ready: boolean, message: string): void {
    const previous = printerStates.get(printerId);
    if (previous?.ready === ready && previous.message === message) return;
    const state = { printerId, ready, message };
    printerStates.set(printerId, state);
    emitter.emit('printer', state);
  }

  /**
   * One use of a printer: connect, read its status and report it, then — when there is a document and
   * the status allows — send it. Returns null when it went well, else why it could not.
   */
  async function usePrinter(printer: QueuePrinter, document?: PrintDocument): Promise<string | null> {
    let connection: PrinterConnection | null = null;
    try {
      connection = await open(parsePrinterUrl(printer.url));
      const status = await connection.status(statusTimeoutMs);
      const words = status ? describeStatus(status) : { zh: '已连接（不支持状态回读）', en: 'connected (no status read-back)' };
      const message = `${words.zh} / ${words.en}`;
      if (status && !canPrint(status)) {
        reportPrinter(printer.id, false, message);
        return message;
      }
      if (document) await connection.write(encodeEscPos(document, printer.profile));
      reportPrinter(printer.id, true, message);
      return null;
    } catch (error) {
      const message = (error as Error).message;
      reportPrinter(printer.id, false, message);
      return message;
    } finally {
      await connection?.close().catch(() => undefined);
    }
  }

  async function printNext(): Promise<boolean> {
    const row = nextQueued.get();
    if (!row) return false;
    if (row.expires_at && row.expires_at < now().toISOString()) {
      update(row.id, 'failed', { error: '已过期未打印：打印机长时间不可用 / expired unprinted: no printer could print it in time' });
      return true;
    }
    update(row.id, 'printing');
    const document = PrintDocumentSchema.parse(JSON.parse(row.document));
    const errors: string[] = [];
    for (const printer of options.printers) {
      const error = await usePrinter(printer, document);
      if (error === null) {
        update(row.id, 'done', { printerId: printer.id, attempt: true });
        return true;
      }
      errors.push(`${printer.id}: ${error}`);
    }
    update(row.id, 'queued', { error: errors.join('; ') || '未配置打印机 / no printer configured', attempt: true });
    return false;
  }

  const loop = createPollLoop(async (current) => {
    const progressed = await printNext().catch(() => false);
    if (!progressed) await current.sleep(retryMs);
  });

  function enqueueRow(request: EnqueueRequest, reprintOf: string | null): PrintJob {
    const at = now();
    const id = uuidv7(at.getTime());
    insert.run({
      id,
      now: at.toISOString(),
      template: request.template,
      summary: request.summary,
      document: JSON.stringify(request.document),
      expiresAt: request.expiresInMs ? new Date(at.getTime() + request.expiresInMs).toISOString() : null,
      reprintOf,
    });
    const job = toJob(byId.get(id)!);
    emitter.emit('job', job);
    loop.wake();
    return job;
  }

  return Object.assign(emitter, {
    enqueue: (request: EnqueueRequest) => enqueueRow(request, null),
    /** A new job with the same document; the original keeps its history. */
    reprint(id: string): PrintJob {
      const row = byId.get(id);
      if (!row) throw new Error(`没有这个打印任务 / no print job ${id}`);
      return enqueueRow({ template: row.template, summary: row.summary, document: PrintDocumentSchema.parse(JSON.parse(row.document)) }, id);
    },
    job: (id: string): PrintJob | null => {
      const row = byId.get(id);
      return row ? toJob(row) : null;
    },
    document: (id: string): PrintDocument | null => {
      const row = byId.get(id);
      return row ? PrintDocumentSchema.parse(JSON.parse(row.document)) : null;
    },
    recent: (limit: number): PrintJob[] => recent.all(limit).map(toJob),
    printers: (): PrinterState[] =>
      options.printers.map((printer) => printerStates.get(printer.id) ?? { printerId: printer.id, ready: false, message: '尚未检测 / not checked yet' }),
    /** Asks every printer for its status now, for the pages' printer panel and the kiosk's warning. */
    async checkPrinters(): Promise<PrinterState[]> {
      for (const printer of options.printers) await usePrinter(printer);
      return this.printers();
    },
    start: () => loop.start(),
    stop: () => loop.stop(),
  });
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;
