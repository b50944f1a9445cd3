import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { makePrivateDir, makePrivateFile } from './private-files.js';

export type Db = Database.Database;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface OpenOptions {
  /** 32 bytes: the file is encrypted with SQLCipher (AES-256), pages and WAL alike. */
  key?: Buffer;
}

/** The database file exists but the key given does not open it (or it is not a database at all). */
export class DatabaseKeyError extends Error {
  constructor(readonly file: string) {
    super(
      `无法打开加密数据库 ${file}：密钥不对或文件已损坏。请使用建库时的密钥，不要删除文件 / Cannot open the encrypted database ${file}: the key is not the one it was created with, or the file is damaged. Supply the original key; do not delete the file`,
    );
    this.name = 'DatabaseKeyError';
  }
}

/**
 * Opens a database for durability first: WAL so readers go on while one writes, synchronous=FULL so an
 * issued number or a queued print job survives a power cut, and a busy timeout so a second process on
 * the same file waits for the lock instead of failing.
 */
export function openDatabase(file: string, migrations: readonly Migration[], options: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    makePrivateDir(dirname(file));
    // SQLite gives its -wal and -shm files the database file's own mode, so a 0600 file keeps all three private.
    makePrivateFile(file);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) makePrivateFile(file + suffix);
  }
  const db = new Database(file);
  if (options.key) unlock(db, file, options.key);
  // Deleted and overwritten rows are zeroed, so a purged case or a replaced token is gone from the file, not just unlinked.
  db.pragma('secure_delete = ON');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

function unlock(db: Db, file: string, key: Buffer): void {
  if (key.length !== 32) throw new Error('the database key must be 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  // A raw key (x'…') skips SQLCipher's passphrase stretching: the key is already random, and opening stays fast.
  db.key(Buffer.from(`x'${key.toString('hex')}'`));
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new DatabaseKeyError(file);
    throw error;
  }
}

/** Numbered migrations, each in its own transaction together with the version bump. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`);
    }
  });
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => (row as { version: number }).version),
  );
  const newest = Math.max(0, ...applied);
  if (newest > sorted.length) {
    throw new Error(
      `数据库版本 ${newest} 比本程序 (${sorted.length}) 新，请升级程序 / The database is at schema version ${newest}, newer than this program knows (${sorted.length}): upgrade the program`,
    );
  }
  for (const migration of sorted) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
}
