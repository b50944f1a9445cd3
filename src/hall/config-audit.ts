import { createHash } from 'node:crypto';
import type { HallConfig } from '../shared/hall-config.js';
import type { EventLog } from './event-log.js';
import type { HallStore } from './storage/store.js';

/**
 * The configuration decides who may log in, which terminals are listed and how numbers are called, so a
 * change to it is supervised like any other: at start, when its SHA-256 differs from the last one
 * recorded, the hall appends `hall.configChanged` to its chained event log. Returns whether it did. Two
 * instances starting with the same file record it once: the check is inside the write lock.
 */
export function recordConfiguration(config: HallConfig, events: EventLog, store: HallStore): Promise<boolean> {
  const configSha256 = createHash('sha256').update(JSON.stringify(config)).digest('hex');
  return store.transaction(async () => {
    const [last] = await events.latest(['hall.configChanged'], 1);
    if (last?.configSha256 === configSha256) return false;
    await events.withActor('hall', () => events.append('hall.configChanged', null, null, { configSha256 }));
    return true;
  });
}
