import { join } from 'node:path';
import { openDatabase, type Db } from '../../storage/sqlite.js';
import { CASE_MIGRATIONS } from './migrations.js';

/** Pages the case store keeps decrypted in memory: SQLCipher decrypts (and checks) every page it reads from disk. */
const CACHE_KIB = 32 * 1024;

/** The counter's encrypted case database, `cases.db` in `dir`. */
export function openCaseDatabase(dir: string, key: Buffer): Db {
  const db = openDatabase(join(dir, 'cases.db'), CASE_MIGRATIONS, { key });
  db.pragma(`cache_size = -${CACHE_KIB}`);
  return db;
}
