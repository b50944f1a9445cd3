import { join } from 'node:path';
import { CREDENTIALS_MIGRATION } from './hall-credentials.js';
import { OFFLINE_TICKETS_MIGRATION, TICKET_WITHDRAWALS_MIGRATION } from './offline-tickets.js';
import { PRINT_QUEUE_MIGRATION } from './printing/print-queue-store.js';
import { REQUEST_REPLIES_MIGRATION } from './request-replies.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { openDatabase, type Db } from '../storage/sqlite.js';

/** The terminal's own database, numbered migrations in order; a counter's cases live apart, encrypted (cases/migrations.ts). */
export const TERMINAL_MIGRATIONS = [
  { version: 1, ...PRINT_QUEUE_MIGRATION },
  { version: 2, ...CREDENTIALS_MIGRATION },
  { version: 3, ...REQUEST_REPLIES_MIGRATION },
  { version: 4, ...OFFLINE_TICKETS_MIGRATION },
  { version: 5, ...TICKET_WITHDRAWALS_MIGRATION },
];

export function terminalDataDir(config: Pick<TerminalConfig, 'dataDir' | 'terminalId'>): string {
  return config.dataDir ?? join('var', 'terminals', config.terminalId);
}

/** `dataDir: ":memory:"` keeps the print queue in memory, for benchmarks and tests that need no file. */
export function openTerminalDatabase(config: TerminalConfig): Db {
  const dir = terminalDataDir(config);
  return openDatabase(dir === ':memory:' ? ':memory:' : join(dir, 'terminal.db'), TERMINAL_MIGRATIONS);
}
