import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import { createHallServer } from '../../src/hall/server.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { openDatabase, type Db } from '../../src/storage/sqlite.js';

export interface HallReply {
  status: number;
  body: Record<string, unknown> & { error?: { code: string; message: string } };
}

export interface RunningHall {
  base: string;
  db: Db;
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

/** Hall servers on loopback for a test file, closed after each test. */
export function useHallServers(): (
  config: HallConfig,
  options?: { now?: () => Date; file?: string; key?: Buffer },
) => Promise<RunningHall> {
  const running: RunningHall[] = [];
  afterEach(async () => {
    for (const hall of running.splice(0)) await hall.stop();
  });
  return async (config, options = {}) => {
    const db = openDatabase(options.file ?? ':memory:', HALL_MIGRATIONS, { key: options.key });
    const app = createHallServer({ config, db, now: options.now });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let stopped = false;
    const hall: RunningHall = {
      base,
      db,
      post: (path, body, token) => postToHall(base, path, body, token),
      async stop() {
        if (stopped) return;
        stopped = true;
        await app.close();
        db.close();
      },
    };
    running.push(hall);
    return hall;
  };
}
