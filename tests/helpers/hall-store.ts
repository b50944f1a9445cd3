import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { openPostgresHallStore } from '../../src/hall/storage/postgres-store.js';
import { POSTGRES_HALL_MIGRATIONS } from '../../src/hall/storage/postgres-migrations.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { requirePostgres, startPostgres, type PgCluster } from './postgres.js';

export type HallEngine = HallStore['engine'];

/** The engines the hall's suite runs on: both, where PostgreSQL is installed (CI fails without it rather than skip). */
export const HALL_ENGINES: readonly HallEngine[] = requirePostgres() ? ['sqlite', 'postgresql'] : ['sqlite'];

export interface StoreOptions {
  /** SQLite: a file instead of memory; PostgreSQL: the database of an earlier call (a restart of the hall on it). */
  reuse?: string;
  /** SQLite: a file that outlives the store (PostgreSQL's always does), for a restart of the hall on it. */
  durable?: boolean;
  key?: Buffer;
}

export interface OpenedStore {
  store: HallStore;
  /** What `reuse` takes to open the same database again. */
  location: string;
}

let cluster: Promise<PgCluster> | null = null;
let databases = 0;

/** One PostgreSQL server per test file, started at the first PostgreSQL test, with a fresh database per store. */
export function sharedPostgres(): Promise<PgCluster> {
  cluster ??= startPostgres();
  return cluster;
}

/** Hall stores on either engine for a test file, closed after each test. */
export function useHallStores(): (engine: HallEngine, options?: StoreOptions) => Promise<OpenedStore> {
  const opened: HallStore[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => undefined);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    const running = cluster;
    cluster = null;
    await (await running)?.stop();
  });
  return async (engine, options = {}) => {
    let location: string;
    let store: HallStore;
    if (engine === 'sqlite') {
      const fresh = () => {
        dirs.push(mkdtempSync(join(tmpdir(), 'onewindow-hall-store-')));
        return join(dirs.at(-1)!, 'hall.db');
      };
      location = options.reuse ?? (options.durable ? fresh() : ':memory:');
      store = createSqliteHallStore(openDatabase(location, HALL_MIGRATIONS, { key: options.key }), location);
    } else {
      location = options.reuse ?? (await (await sharedPostgres()).createDatabase(`hall_${process.pid}_${++databases}`));
      store = await openPostgresHallStore({ urls: [location], hallId: 'hall', migrations: POSTGRES_HALL_MIGRATIONS, pollMs: 200 });
    }
    opened.push(store);
    return { store, location };
  };
}

/** The hall's tables, children first: what `clearHall` empties. */
const HALL_TABLES = [
  'hall_event_notes',
  'hall_events',
  'evaluations',
  'ticket_pages',
  'tickets',
  'ticket_counters',
  'window_state',
  'appointments',
  'prefills',
  'enrolment_codes',
  'terminals',
  'request_replies',
  'stats_days',
];

/** Empties a hall store, for a property test's next run on the same database (a new PostgreSQL database each run would take most of the time). */
export async function clearHall(store: HallStore): Promise<void> {
  await store.transaction(async () => {
    for (const table of HALL_TABLES) await store.run(`DELETE FROM ${table}`);
  });
}
