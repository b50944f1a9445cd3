import { keyFromEnvironment } from '../storage/database-key.js';
import { openDatabase, type Db } from '../storage/sqlite.js';
import { HALL_MIGRATIONS } from './storage/migrations.js';
import { POSTGRES_HALL_MIGRATIONS } from './storage/postgres-migrations.js';
import { openPostgresDatabase, openPostgresHallStore } from './storage/postgres-store.js';
import { createSqliteHallStore } from './storage/sqlite-store.js';
import type { HallStore } from './storage/store.js';
import { hallSchemaName } from '../shared/hall-cluster.js';

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
  const urls = checkedAddresses(postgresAddresses(options.postgres, env));
  if (urls.length === 0) return createSqliteHallStore(openHallDatabase(options.file, options, env), options.file);
  return openPostgresHallStore({ urls, hallId: 'hall', migrations: POSTGRES_HALL_MIGRATIONS, warn: options.warn });
}

function checkedAddresses(urls: string[]): string[] {
  for (const url of urls) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(
        `数据库地址应以 postgres:// 开头，例如 postgres://hall@db1:5432/onewindow / a database address must start with postgres://, e.g. postgres://hall@db1:5432/onewindow (got ${url.slice(0, 40)})`,
      );
    }
  }
  return urls;
}

export interface ClusterHallStore {
  id: string;
  /** SQLite: the hall's own file and key file. */
  file: string;
  keyFile?: string;
}

export interface ClusterStores {
  stores: Map<string, HallStore>;
  close(): Promise<void>;
}

/**
 * The stores of a county cluster's halls. On PostgreSQL one database, each hall in its own schema
 * (`hall_<id>`) under its own write lock; without it, each hall's SQLite file, encrypted with its own key.
 */
export async function openClusterStores(
  halls: readonly ClusterHallStore[],
  options: Omit<HallStoreOptions, 'file' | 'keyFile'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClusterStores> {
  const stores = new Map<string, HallStore>();
  const urls = checkedAddresses(postgresAddresses(options.postgres, env));
  if (urls.length === 0) {
    try {
      for (const hall of halls) {
        if (!hall.keyFile && !options.unencrypted)
          throw new Error(
            `大厅 ${hall.id} 的数据库需要自己的密钥：在集群配置中为它写 keyFile（openssl rand -hex 32 > ${hall.id}.key），或使用 PostgreSQL（--database） / ` +
              `the database of hall ${hall.id} needs a key of its own: give it a keyFile in the cluster file (openssl rand -hex 32 > ${hall.id}.key), or use PostgreSQL (--database)`,
          );
        const key = { ...options, keyFile: hall.keyFile };
        stores.set(hall.id, createSqliteHallStore(openHallDatabase(hall.file, key, {}), hall.file));
      }
    } catch (error) {
      for (const store of stores.values()) await store.close();
      throw error;
    }
    return { stores, close: async () => void (await Promise.all([...stores.values()].map((store) => store.close()))) };
  }
  // Connections shared by every hall: a county's dozens of halls do not each hold a pool of their own.
  const database = openPostgresDatabase({ urls, warn: options.warn, poolSize: Math.min(40, 10 + 2 * halls.length) });
  try {
    for (const hall of halls) {
      stores.set(hall.id, await database.hall({ hallId: hall.id, schema: hallSchemaName(hall.id), migrations: POSTGRES_HALL_MIGRATIONS }));
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return { stores, close: () => database.close() };
}
