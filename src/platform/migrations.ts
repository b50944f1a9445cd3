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
  {
    version: 6,
    name: 'uploads per terminal; the terminal behind each change',
    // An upload was keyed by its hash alone, so any terminal could announce another's file with a wrong size
    // and block it. Each terminal now has its own; one from before goes to the terminal of a case that names it.
    sql: `
      ALTER TABLE changes ADD COLUMN terminal_id TEXT;
      CREATE TABLE uploads (
        terminal_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        received INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0,
        bytes_written INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (terminal_id, sha256)
      );
      CREATE TABLE upload_pieces (
        terminal_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        offset INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (terminal_id, sha256, offset),
        FOREIGN KEY (terminal_id, sha256) REFERENCES uploads (terminal_id, sha256)
      );
      INSERT INTO uploads (terminal_id, sha256, size, media_type, received, complete, bytes_written)
        SELECT COALESCE((SELECT cases.terminal_id FROM case_materials JOIN cases USING (case_id) WHERE case_materials.sha256 = materials.sha256 LIMIT 1), ''),
               sha256, size, media_type, received, complete, bytes_written
        FROM materials;
      INSERT INTO upload_pieces (terminal_id, sha256, offset, data)
        SELECT uploads.terminal_id, material_pieces.sha256, material_pieces.offset, material_pieces.data FROM material_pieces JOIN uploads USING (sha256);
      CREATE TABLE case_files (case_id TEXT NOT NULL REFERENCES cases (case_id), sha256 TEXT NOT NULL, material TEXT NOT NULL, PRIMARY KEY (case_id, material, sha256));
      INSERT INTO case_files SELECT case_id, sha256, material FROM case_materials;
      DROP TABLE case_materials;
      DROP TABLE material_pieces;
      DROP TABLE materials;
      ALTER TABLE uploads RENAME TO materials;
      ALTER TABLE upload_pieces RENAME TO material_pieces;
      ALTER TABLE case_files RENAME TO case_materials;
    `,
  },
];
