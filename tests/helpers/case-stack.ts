import { join } from 'node:path';
import { openCaseDatabase } from '../../src/terminal/cases/case-db.js';
import { createCaseStore } from '../../src/terminal/cases/case-store.js';
import { createMaterialStore } from '../../src/terminal/cases/material-store.js';
import { createPlatformClient } from '../../src/terminal/cases/platform-client.js';
import { createSyncEngine, type SyncEngineOptions } from '../../src/terminal/cases/sync-engine.js';
import { TEST_PLATFORM_SECRET } from './terminal.js';

export type CaseStackOptions = Partial<
  Pick<SyncEngineOptions, 'concurrency' | 'baseDelayMs' | 'capDelayMs' | 'random' | 'changesIntervalMs' | 'onCasesChanged'>
> & {
  timeoutMs?: number;
};

/** A counter's case store and sync engine on a real encrypted file, syncing to `platformUrl`. */
export function openCaseStack(dir: string, key: Buffer, platformUrl: string, options: CaseStackOptions = {}) {
  const db = openCaseDatabase(dir, key);
  const store = createCaseStore({
    db,
    materials: createMaterialStore(join(dir, 'materials'), key),
    terminalId: 'counter-t',
    timeZone: 'Asia/Shanghai',
  });
  const client = createPlatformClient({
    baseUrl: platformUrl,
    terminalId: 'counter-t',
    secret: TEST_PLATFORM_SECRET,
    timeoutMs: options.timeoutMs ?? 2000,
  });
  const engine = createSyncEngine({ db, store, client, baseDelayMs: 10, capDelayMs: 200, changesIntervalMs: 60_000, ...options });
  return {
    db,
    store,
    engine,
    async close() {
      await engine.stop();
      db.close();
    },
  };
}
export type CaseStack = ReturnType<typeof openCaseStack>;
