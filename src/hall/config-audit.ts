import { createHash } from 'node:crypto';
import type { HallConfig } from '../shared/hall-config.js';
import type { Db } from '../storage/sqlite.js';
import type { EventLog } from './event-log.js';

/**
 * The configuration decides who may log in, which terminals are listed and how numbers are called, so a
 * change to it is supervised like any other: at start, when its SHA-256 differs from the last one
 * recorded, the hall appends `hall.configChanged` to its chained event log. Returns whether it did.
 */
export function recordConfiguration(config: HallConfig, events: EventLog, db: Db): boolean {
  const configSha256 = createHash('sha256').update(JSON.stringify(config)).digest('hex');
  const [last] = events.latest(['hall.configChanged'], 1);
  if (last?.configSha256 === configSha256) return false;
  db.transaction(() => events.withActor('hall', () => events.append('hall.configChanged', null, null, { configSha256 })))();
  events.flush();
  return true;
}
