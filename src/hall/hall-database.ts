import { keyFromEnvironment } from '../storage/database-key.js';
import { openDatabase, type Db } from '../storage/sqlite.js';
import { HALL_MIGRATIONS } from './storage/migrations.js';

export const HALL_KEY_VARIABLE = 'ONEWINDOW_HALL_KEY';

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
