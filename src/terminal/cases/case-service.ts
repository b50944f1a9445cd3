import { join } from 'node:path';
import type { TerminalConfig } from '../../shared/terminal-config.js';
import type { Emit } from '../emit.js';
import type { LinkMonitor } from '../link-monitor.js';
import type { CaseKeySource } from './case-key.js';
import { openCaseDatabase } from './case-db.js';
import { createCaseStore } from './case-store.js';
import { createMaterialStore } from './material-store.js';
import { createPickup } from './pickup.js';
import { createPlatformClient } from './platform-client.js';
import { purgeExpiredCases } from './retention.js';
import { createSyncEngine } from './sync-engine.js';

export interface CaseServiceDeps {
  config: TerminalConfig;
  /** The directory of cases.db and the material files. */
  dir: string;
  key: CaseKeySource;
  now?: () => Date;
  changesIntervalMs?: number;
  baseDelayMs?: number;
  emit: Emit<'sync.state' | 'cases.changed'>;
  /** What sync learns of the platform reaches every page's link status. */
  links: Pick<LinkMonitor, 'report'>;
  onPurge?: (result: { cases: number; files: number }) => void;
}

const HOUR_MS = 60 * 60 * 1000;

/** The counter's cases end to end: the encrypted store, its material files, sync and the retention purge. */
export function openCaseService(options: CaseServiceDeps) {
  const { config } = options;
  const now = options.now ?? (() => new Date());
  if (options.dir === ':memory:') {
    throw new Error(
      '窗口终端的办件库需要数据目录，dataDir 不能是 ":memory:" / a counter keeps its cases on disk: dataDir cannot be ":memory:"',
    );
  }
  const key = options.key.load();
  const db = openCaseDatabase(options.dir, key);
  const materials = createMaterialStore(join(options.dir, 'materials'), key);
  const store = createCaseStore({
    db,
    materials,
    terminalId: config.terminalId,
    timeZone: config.cases.timeZone,
    now,
  });
  const client = createPlatformClient({
    baseUrl: config.platform.url,
    terminalId: config.terminalId,
    secret: config.platform.secret ?? '',
  });
  const engine = createSyncEngine({
    db,
    store,
    client,
    now: () => now().getTime(),
    changesIntervalMs: options.changesIntervalMs,
    baseDelayMs: options.baseDelayMs,
    onState: (state) => {
      options.emit('sync.state', state);
      options.links.report('platform', state.online);
    },
    onCasesChanged: (ids) => options.emit('cases.changed', { cases: ids.map((id) => store.get(id)) }),
  });
  const pickup = createPickup({ store, client, pullChanges: () => void engine.pullChanges(), timeZone: config.cases.timeZone, now });
  let purgeTimer: NodeJS.Timeout | null = null;
  const purge = () => options.onPurge?.(purgeExpiredCases(db, materials, store.auditLog, config.cases.retentionDays, now()));

  return {
    store,
    engine,
    pickup,
    purge,
    start(): void {
      engine.start();
      purge();
      purgeTimer = setInterval(purge, HOUR_MS);
    },
    async stop(): Promise<void> {
      if (purgeTimer) clearInterval(purgeTimer);
      await engine.stop();
      db.close();
    },
  };
}
export type CaseService = ReturnType<typeof openCaseService>;
