import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe } from 'vitest';
import { createHallServer } from '../../src/hall/server.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { HALL_ENGINES, useHallStores, type HallEngine } from './hall-store.js';

export interface HallReply {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

export interface RunningHall {
  base: string;
  store: HallStore;
  /** What `reuse` takes to start a hall on the same database again. */
  location: string;
  post(path: string, body: unknown, token?: string): Promise<HallReply>;
  stop(): Promise<void>;
}

/** A POST to a hall, as a terminal sends it: JSON, a fresh request id, and the token if there is one. */
export async function postToHall(base: string, path: string, body: unknown, token?: string): Promise<HallReply> {
  const reply = await fetch(base + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: reply.status, body: (await reply.json()) as HallReply['body'] };
}

export interface HallServerOptions {
  now?: () => Date;
  engine?: HallEngine;
  /** The database of a hall stopped before (`RunningHall.location`): a restart. */
  reuse?: string;
  /** A database that outlives the server, for a restart on it (SQLite: a file, not memory). */
  durable?: boolean;
  key?: Buffer;
}

/** Hall servers on loopback for a test file, on SQLite unless told the engine, closed after each test. */
export function useHallServers(): (config: HallConfig, options?: HallServerOptions) => Promise<RunningHall> {
  // Registered first, so its closing comes after the servers' (vitest runs after-hooks last registered first).
  const openStore = useHallStores();
  const running: RunningHall[] = [];
  afterEach(async () => {
    for (const hall of running.splice(0)) await hall.stop();
  });
  return async (config, options = {}) => {
    const { store, location } = await openStore(options.engine ?? 'sqlite', options);
    const app = createHallServer({ config, store, now: options.now });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let stopped = false;
    const hall: RunningHall = {
      base,
      store,
      location,
      post: (path, body, token) => postToHall(base, path, body, token),
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        await store.close();
      },
    };
    running.push(hall);
    return hall;
  };
}

/**
 * The hall's suites on both engines: `eachEngine` is `describe` run once per engine, and `startHall` starts
 * a hall on the engine of the block it runs in.
 */
export function useHallServersOnEachEngine() {
  const start = useHallServers();
  let engine: HallEngine = 'sqlite';
  return {
    startHall: (config: HallConfig, options: HallServerOptions = {}) => start(config, { engine, ...options }),
    eachEngine(title: string, body: () => void): void {
      describe.each(HALL_ENGINES)(`${title} on %s`, (current) => {
        beforeAll(() => {
          engine = current;
        });
        body();
      });
    },
  };
}
