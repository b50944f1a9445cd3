import { join } from 'node:path';
import { PRINT_QUEUE_MIGRATION } from '../devices/printer/queue.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { openDatabase, type Db } from '../storage/sqlite.js';

/** The terminal's own database, numbered migrations in order; the case store joins it in its issue. */
export const TERMINAL_MIGRATIONS = [{ version: 1, ...PRINT_QUEUE_MIGRATION }];

/** `dataDir: ":memory:"` keeps everything in memory, for benchmarks and tests that need no file. */
export function openTerminalDatabase(config: TerminalConfig): Db {
  const dir = config.dataDir ?? join('var', 'terminals', config.terminalId);
  return openDatabase(dir === ':memory:' ? ':memory:' : join(dir, 'terminal.db'), TERMINAL_MIGRATIONS);
}
