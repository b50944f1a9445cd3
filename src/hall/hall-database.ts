import { keyFromEnvironment } from '../storage/database-key.js';
import { openDatabase, type Db } from '../storage/sqlite.js';
import { HALL_MIGRATIONS } from './storage/migrations.js';
import { POSTGRES_HALL_MIGRATIONS } from './storage/postgres-migrations.js';
import { openPostgresHallStore } from './storage/postgres-store.js';
import { createSqliteHallStore } from './storage/sqlite-store.js';
import type { HallStore } from './storage/store.js';

export const HALL_KEY_VARIABLE = 'ONEWINDOW_HALL_KEY';
/** PostgreSQL addresses of the hall's database, the primary and its standbys, separated by commas. */
export const HALL_DATABASE_VARIABLE = 'ONEWINDOW_HALL_DATABASE';

export interface HallDatabaseOptions {
  keyFile?: string;
  /** Development only: a plain file. */
  unencrypted?: boolean;
}

/**
 * The hall's database, encrypted with SQLCipher: it holds pre-filled applications until a counter opens
 * them, appointments and the day's tickets with who issued and served them. The key comes from
 * $ONEWINDOW_HALL_KEY or a key file; without either the hall refuses to start unless told it may run
 * unencrypted.
 */
export function openHallDatabase(file: string, options: HallDatabaseOptions, env: NodeJS.ProcessEnv = process.env): Db {
  if (options.unencrypted) return openDatabase(file, HALL_MIGRATIONS);
  const key = keyFromEnvironment(
    env,
    HALL_KEY_VARIABLE,
    options.keyFile,
    { zh: '大厅数据库', en: 'hall database' },
    `大厅数据库需要密钥：设置环境变量 ${HALL_KEY_VARIABLE} 或用 --key-file 指定密钥文件（openssl rand -hex 32 > hall.key; chmod 600 hall.key），仅开发时可用 --unencrypted / ` +
      `the hall database needs a key: set ${HALL_KEY_VARIABLE} or give --key-file (openssl rand -hex 32 > hall.key; chmod 600 hall.key); --unencrypted is for development only`,
  );
  return openDatabase(file, HALL_MIGRATIONS, { key: key.load() });
}

export interface HallStoreOptions extends HallDatabaseOptions {
  /** The SQLite file, when no PostgreSQL address is given. */
  file: string;
  /** PostgreSQL addresses (`postgres://…`), primary and standbys in any order; else $ONEWINDOW_HALL_DATABASE. */
  postgres?: readonly string[];
  warn?: (message: string) => void;
}

/** The PostgreSQL addresses given, on the command line or in the environment. */
export function postgresAddresses(given: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): string[] {
  const listed = given?.length ? given : (env[HALL_DATABASE_VARIABLE] ?? '').split(',');
  return listed.map((url) => url.trim()).filter(Boolean);
}

/**
 * The hall's storage: PostgreSQL when addresses are given (hall servers in pairs, county clusters; TLS
 * and encryption at rest are the database's and its disk's, docs/operations.md), else the SQLite file.
 */
export async function openHallStore(options: HallStoreOptions, env: NodeJS.ProcessEnv = process.env): Promise<HallStore> {
  const urls = postgresAddresses(options.postgres, env);
  if (urls.length === 0) return createSqliteHallStore(openHallDatabase(options.file, options, env), options.file);
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `数据库地址应以 postgres:// 开头，例如 postgres://hall@db1:5432/onewindow / a database address must start with postgres://, e.g. postgres://hall@db1:5432/onewindow (got ${url.slice(0, 40)})`,
      );
    }
  }
  return openPostgresHallStore({ urls, hallId: 'hall', migrations: POSTGRES_HALL_MIGRATIONS, warn: options.warn });
}
