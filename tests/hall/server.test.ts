import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHallServer } from '../../src/hall/server.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { HALL_ENGINES, useHallStores, type HallEngine } from '../helpers/hall-store.js';

const openStore = useHallStores();

const servers: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startHall(engine: HallEngine) {
  const app = createHallServer({ config: TEST_HALL, store: (await openStore(engine)).store });
  await app.listen({ port: 0, host: '127.0.0.1' });
  servers.push(app);
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });

describe.each(HALL_ENGINES)('hall server HTTP API on %s', (engine) => {
  it('issues unique consecutive numbers to 100 concurrent callers', async () => {
    const base = await startHall(engine);
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(`${base}/api/v1/tickets`, { queueId: 'comprehensive', terminalId: `k${i % 7}` })),
    );
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    const numbers = await Promise.all(replies.map(async (reply) => ((await reply.json()) as { ticketNumber: string }).ticketNumber));
    expect(new Set(numbers).size).toBe(100);
    expect(numbers.sort().at(-1)).toBe('A100');
  });

  it('answers bad bodies with 400 and the field that is wrong', async () => {
    const base = await startHall(engine);
    const reply = await post(`${base}/api/v1/tickets`, { queueId: 'Comprehensive!', terminalId: 'k1' });
    expect(reply.status).toBe(400);
    const body = (await reply.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.message).toContain('queueId');
  });

  it('answers an unknown queue with 404, a refusal with 409 and an unknown path with 404, all in one shape', async () => {
    const base = await startHall(engine);
    expect((await post(`${base}/api/v1/tickets`, { queueId: 'nope', terminalId: 'k1' })).status).toBe(404);
    await post(`${base}/api/v1/tickets`, { queueId: 'tiny', terminalId: 'k1' });
    await post(`${base}/api/v1/tickets`, { queueId: 'tiny', terminalId: 'k1' });
    const refused = await post(`${base}/api/v1/tickets`, { queueId: 'tiny', terminalId: 'k1' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'REFUSED' } });
    const missing = await fetch(`${base}/api/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('lists queues with their waiting counts and reports its service date', async () => {
    const base = await startHall(engine);
    await post(`${base}/api/v1/tickets`, { queueId: 'tax', terminalId: 'k1' });
    const queues = (await (await fetch(`${base}/api/v1/queues`)).json()) as { queues: { id: string; waiting: number }[] };
    expect(queues.queues.find((queue) => queue.id === 'tax')?.waiting).toBe(1);
    const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { service: string; serviceDate: string };
    expect(health.service).toBe('onewindow-hall');
    expect(health.serviceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('group commit on SQLite', () => {
  it('commits a batch of concurrent changes together, and a refused change undoes only itself', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-group-'));
    try {
      const file = join(dir, 'hall.db');
      const db = openDatabase(file, HALL_MIGRATIONS);
      const app = createHallServer({ config: TEST_HALL, store: createSqliteHallStore(db, file) });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const replies = await Promise.all(
        ['tiny', 'tax', 'tiny', 'tax', 'tiny', 'tiny'].map((queueId) => post(`${base}/api/v1/tickets`, { queueId, terminalId: 'k1' })),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 200, 200, 200, 409, 409]);
      await app.close();
      db.close();
      const reopened = openDatabase(file, HALL_MIGRATIONS);
      const numbers = reopened.prepare('SELECT ticket_number FROM tickets ORDER BY ticket_number').all();
      expect(numbers).toEqual([{ ticket_number: 'C001' }, { ticket_number: 'C002' }, { ticket_number: 'K001' }, { ticket_number: 'K002' }]);
      expect(reopened.prepare("SELECT count(*) AS n FROM hall_events WHERE type = 'ticket.issued'").get()).toEqual({ n: 4 });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
