import type { Migration } from '../../storage/sqlite.js';

/** The counter's encrypted case database (cases.db), apart from terminal.db so the print queue needs no key. */
export const CASE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, materials, outbox, audit',
    sql: `
      CREATE TABLE cases (
        case_id TEXT PRIMARY KEY,
        case_number TEXT,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL,
        stage TEXT NOT NULL,
        clerk_id TEXT NOT NULL,
        promised_date TEXT,
        created_at TEXT NOT NULL,
        closed_at TEXT,
        purged_at TEXT,
        progress TEXT NOT NULL DEFAULT '[]',
        -- the submission as sent, with its personal data; NULL once purged. Last, so the small columns
        -- before it are read without walking its overflow pages.
        record TEXT
      );
      CREATE INDEX cases_by_created ON cases (created_at);
      CREATE TABLE materials (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        uploaded INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE case_files (
        case_id TEXT NOT NULL REFERENCES cases(case_id),
        sha256 TEXT NOT NULL REFERENCES materials(sha256),
        PRIMARY KEY (case_id, sha256)
      );
      CREATE INDEX case_files_by_sha ON case_files (sha256);
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        case_id TEXT NOT NULL REFERENCES cases(case_id),
        kind TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at TEXT NOT NULL,
        -- the operation as it will be sent; last, as in cases
        body TEXT NOT NULL
      );
      CREATE INDEX outbox_by_case ON outbox (case_id, seq);
      CREATE INDEX outbox_by_state ON outbox (state, next_at);
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        case_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
      );
    `,
  },
  {
    version: 2,
    name: 'hash-chained audit trail',
    // Entries written before the chain existed are chained, in order, when the audit log is opened (audit-log.ts).
    sql: `
      ALTER TABLE audit ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit ADD COLUMN hash TEXT;
    `,
  },
  {
    version: 3,
    name: 'receipt numbers',
    // Filled in for the cases accepted before it when the store opens (case-store.ts): it is made from the case id.
    sql: `
      ALTER TABLE cases ADD COLUMN receipt_number TEXT;
      CREATE INDEX cases_by_receipt ON cases (receipt_number);
    `,
  },
];
