import type { Migration } from '../storage/sqlite.js';

export const PLATFORM_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, changes, idempotency, materials',
    sql: `
      CREATE TABLE cases (
        case_id TEXT PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        terminal_id TEXT NOT NULL,
        item_code TEXT NOT NULL,
        stage TEXT NOT NULL,
        back_office_step INTEGER NOT NULL DEFAULT 0,
        promised_date TEXT,
        submission TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE case_number_sequences (prefix TEXT PRIMARY KEY, last INTEGER NOT NULL);
      CREATE TABLE case_materials (
        case_id TEXT NOT NULL REFERENCES cases(case_id),
        sha256 TEXT NOT NULL REFERENCES materials(sha256),
        material TEXT NOT NULL,
        PRIMARY KEY (case_id, material, sha256)
      );
      CREATE TABLE applied_operations (op_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, kind TEXT NOT NULL, applied_at TEXT NOT NULL);
      CREATE TABLE evaluations (op_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, level INTEGER NOT NULL, reasons TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id TEXT NOT NULL,
        case_number TEXT NOT NULL,
        stage TEXT NOT NULL,
        at TEXT NOT NULL,
        step TEXT,
        completion TEXT
      );
      CREATE TABLE idempotency (
        terminal_id TEXT NOT NULL,
        key TEXT NOT NULL,
        body_sha256 TEXT NOT NULL,
        response TEXT NOT NULL,
        PRIMARY KEY (terminal_id, key)
      );
      CREATE TABLE materials (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,
        bytes_written INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE material_pieces (
        sha256 TEXT NOT NULL REFERENCES materials(sha256),
        offset INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (sha256, offset)
      );
    `,
  },
  {
    version: 2,
    name: 'audit anchors',
    sql: `CREATE TABLE audit_anchors (terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (terminal_id, seq));`,
  },
  {
    version: 3,
    name: 'cases by applicant, for progress lookup',
    sql: `CREATE INDEX cases_applicant ON cases (json_extract(submission, '$.applicant.certificateNumber'), created_at);`,
  },
  {
    version: 4,
    name: 'terminal secrets issued or revoked by the back office',
    sql: `CREATE TABLE terminal_secrets (terminal_id TEXT PRIMARY KEY, secret_sha256 TEXT, changed_at TEXT NOT NULL, revoked_at TEXT) STRICT;`,
  },
  {
    version: 5,
    name: 'cases and changes by hall, cases by receipt number',
    // Cases from before it get their hall from their terminal's enrolment when the ledger opens (case-ledger.ts).
    sql: `
      ALTER TABLE cases ADD COLUMN hall TEXT;
      ALTER TABLE cases ADD COLUMN receipt_number TEXT;
      CREATE INDEX cases_by_receipt ON cases (hall, receipt_number);
      ALTER TABLE changes ADD COLUMN hall TEXT;
      CREATE INDEX changes_by_hall ON changes (hall, seq);
    `,
  },
];
