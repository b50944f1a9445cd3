import type { PrintDocument } from '../../devices/printer/document.js';
import { PrintDocumentSchema } from '../../devices/printer/document.js';
import type { Db, Migration } from '../../storage/sqlite.js';

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

/** A job as it waits: what to print, and until when a queue ticket is worth printing. */
export interface QueuedJob extends PrintJob {
  document: PrintDocument;
  expiresAt: string | null;
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

const toQueued = (row: JobRow): QueuedJob => ({
  ...toJob(row),
  document: PrintDocumentSchema.parse(JSON.parse(row.document)),
  expiresAt: row.expires_at,
});

/** The print jobs in terminal.db: each is written here before anything is sent to a printer. */
export function createPrintQueueStore(db: Db) {
  const insert = db.prepare(`INSERT INTO print_jobs (id, created_at, updated_at, template, summary, document, state, expires_at, reprint_of)
    VALUES (@id, @now, @now, @template, @summary, @document, 'queued', @expiresAt, @reprintOf)`);
  const byId = db.prepare<[string], JobRow>('SELECT * FROM print_jobs WHERE id = ?');
  const nextQueued = db.prepare<[], JobRow>("SELECT * FROM print_jobs WHERE state = 'queued' ORDER BY rowid LIMIT 1");
  const setState = db.prepare(
    'UPDATE print_jobs SET state = @state, printer_id = @printerId, attempts = attempts + @attempt, last_error = @error, updated_at = @now WHERE id = @id',
  );
  const recent = db.prepare<[number], JobRow>('SELECT * FROM print_jobs ORDER BY rowid DESC LIMIT ?');

  return {
    /** A job that was being printed when the terminal stopped is printed again: a second ticket beats a lost one. */
    requeueInterrupted(): void {
      db.prepare("UPDATE print_jobs SET state = 'queued' WHERE state = 'printing'").run();
    },
    insert(job: {
      id: string;
      at: string;
      template: string;
      summary: string;
      document: PrintDocument;
      expiresAt: string | null;
      reprintOf: string | null;
    }): PrintJob {
      insert.run({
        id: job.id,
        now: job.at,
        template: job.template,
        summary: job.summary,
        document: JSON.stringify(job.document),
        expiresAt: job.expiresAt,
        reprintOf: job.reprintOf,
      });
      return toJob(byId.get(job.id)!);
    },
    update(
      id: string,
      state: JobState,
      fields: { printerId: string | null; error: string | null; attempt: boolean; at: string },
    ): PrintJob {
      setState.run({ id, state, printerId: fields.printerId, error: fields.error, attempt: fields.attempt ? 1 : 0, now: fields.at });
      return toJob(byId.get(id)!);
    },
    job(id: string): PrintJob | null {
      const row = byId.get(id);
      return row ? toJob(row) : null;
    },
    queued(id: string): QueuedJob | null {
      const row = byId.get(id);
      return row ? toQueued(row) : null;
    },
    nextQueued(): QueuedJob | null {
      const row = nextQueued.get();
      return row ? toQueued(row) : null;
    },
    recent: (limit: number): PrintJob[] => recent.all(limit).map(toJob),
  };
}

export type PrintQueueStore = ReturnType<typeof createPrintQueueStore>;
