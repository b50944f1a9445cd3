import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, loadConfigFile } from '../shared/config-file.js';
import { HallClusterConfigSchema } from '../shared/hall-cluster.js';
import type { HallConfig } from '../shared/hall-config.js';
import { loadHallConfig } from './config.js';

export interface ClusterHallConfig {
  id: string;
  config: HallConfig;
  /** SQLite only: the hall's file and its key file. */
  file: string;
  keyFile?: string;
}

/**
 * A county cluster's file and each of its halls' configurations, paths taken from the cluster file's
 * folder. Halls that share an `idHashKey` or a terminal token could be linked to one another (the same
 * card gives the same hash in both; one terminal would open two halls), so such a file is refused.
 */
export function loadClusterConfig(file: string, dataDir: string): ClusterHallConfig[] {
  const cluster = loadConfigFile(file, HallClusterConfigSchema, (path) => readFileSync(path, 'utf8'));
  const base = dirname(file);
  const halls = cluster.halls.map((hall) => ({
    id: hall.id,
    config: loadHallConfig(resolve(base, hall.config)),
    file: hall.db ? resolve(base, hall.db) : resolve(dataDir, `${hall.id}.db`),
    keyFile: hall.keyFile && resolve(base, hall.keyFile),
  }));
  const problems: string[] = [];
  const firstWith = new Map<string, string>();
  const shared = (what: string, value: string | undefined, hall: string, zh: string, en: string) => {
    if (!value) return;
    const other = firstWith.get(`${what}:${value}`);
    if (other)
      problems.push(
        `大厅 ${other} 与 ${hall} 使用了同一个${zh}，每个大厅须有自己的 / halls ${other} and ${hall} share ${en}: each hall needs its own`,
      );
    else firstWith.set(`${what}:${value}`, hall);
  };
  for (const hall of halls) {
    shared('idHashKey', hall.config.idHashKey, hall.id, ' idHashKey', 'one idHashKey');
    for (const terminal of hall.config.terminals) shared('token', terminal.tokenSha256, hall.id, '终端令牌', 'a terminal token');
    shared('keyFile', hall.keyFile, hall.id, '数据库密钥文件', 'one database key file');
    shared('file', hall.file, hall.id, '数据库文件', 'one database file');
  }
  if (problems.length > 0) throw new ConfigError(file, problems);
  return halls;
}
