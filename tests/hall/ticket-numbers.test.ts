import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/shared/errors.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { POSTGRES_HALL_MIGRATIONS } from '../../src/hall/storage/postgres-migrations.js';
import { openPostgresHallStore } from '../../src/hall/storage/postgres-store.js';
import { createTicketNumberService } from '../../src/hall/ticket-numbers.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { HALL_ENGINES, useHallStores } from '../helpers/hall-store.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { createLiveConfig } from '../../src/hall/live-config.js';

const tempDir = useTempDir('onewindow-hall-');
const openStore = useHallStores();

function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => (now = new Date(next)) };
}

describe.each(HALL_ENGINES)('ticket numbering on %s', (engine) => {
  it('numbers each queue on its own: A001, A002, C001', async () => {
    const { store } = await openStore(engine);
    const service = createTicketNumberService(store, createLiveConfig(TEST_HALL));
    expect((await service.issue({ queueId: 'comprehensive', terminalId: 'k1' })).ticketNumber).toBe('A001');
    expect((await service.issue({ queueId: 'comprehensive', terminalId: 'k2' })).ticketNumber).toBe('A002');
    const tax = await service.issue({ queueId: 'tax', terminalId: 'k1' });
    expect(tax).toMatchObject({ ticketNumber: 'C001', queueName: '税务', waitingAhead: 0 });
    expect((await service.issue({ queueId: 'comprehensive', terminalId: 'k1' })).waitingAhead).toBe(2);
    expect((await service.summaries()).find((queue) => queue.id === 'comprehensive')?.waiting).toBe(3);
  });

  it("starts again at 001 at local midnight in the hall's time zone, not the machine's", async () => {
    const { store } = await openStore(engine);
    // 15:59:59 UTC is 23:59:59 in Beijing; 16:00:00 UTC is the next day there.
    const clock = clockAt('2026-03-01T15:59:59Z');
    const service = createTicketNumberService(store, createLiveConfig(TEST_HALL), clock.now);
    expect(await service.issue({ queueId: 'comprehensive', terminalId: 'k1' })).toMatchObject({
      ticketNumber: 'A001',
      serviceDate: '2026-03-01',
    });
    expect((await service.issue({ queueId: 'comprehensive', terminalId: 'k1' })).ticketNumber).toBe('A002');
    clock.set('2026-03-01T16:00:00Z');
    expect(await service.issue({ queueId: 'comprehensive', terminalId: 'k1' })).toMatchObject({
      ticketNumber: 'A001',
      serviceDate: '2026-03-02',
      waitingAhead: 0,
    });
    expect((await service.summaries()).find((queue) => queue.id === 'comprehensive')?.waiting).toBe(1);
  });

  it('refuses past the daily maximum in words a citizen understands, and never reuses a number', async () => {
    const { store } = await openStore(engine);
    const service = createTicketNumberService(store, createLiveConfig(TEST_HALL));
    expect((await service.issue({ queueId: 'tiny', terminalId: 'k1' })).ticketNumber).toBe('K001');
    expect((await service.issue({ queueId: 'tiny', terminalId: 'k1' })).ticketNumber).toBe('K002');
    let refusal: unknown;
    try {
      await service.issue({ queueId: 'tiny', terminalId: 'k1' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).message).toContain('今日快速通道号码已发完');
    expect((refusal as ApiError).status).toBe(409);
  });

  it('refuses an unknown queue with what to do', async () => {
    const service = createTicketNumberService((await openStore(engine)).store, createLiveConfig(TEST_HALL));
    await expect(service.issue({ queueId: 'nope', terminalId: 'k1' })).rejects.toThrow(/重新选择业务/);
  });

  it('continues after a restart where it left off', async () => {
    const first = await openStore(engine, { reuse: engine === 'sqlite' ? join(tempDir(), 'hall.db') : undefined });
    await createTicketNumberService(first.store, createLiveConfig(TEST_HALL)).issue({ queueId: 'comprehensive', terminalId: 'k1' });
    await createTicketNumberService(first.store, createLiveConfig(TEST_HALL)).issue({ queueId: 'comprehensive', terminalId: 'k1' });
    await first.store.close();
    const second = await openStore(engine, { reuse: first.location });
    expect(
      (await createTicketNumberService(second.store, createLiveConfig(TEST_HALL)).issue({ queueId: 'comprehensive', terminalId: 'k1' }))
        .ticketNumber,
    ).toBe('A003');
  });

  it('never gives two processes (hall servers) on the same database the same number', async () => {
    const { location: file, store } = await openStore(engine, { reuse: engine === 'sqlite' ? join(tempDir(), 'hall.db') : undefined });
    await store.close();
    const perProcess = 150;
    const processes = 4;
    const workers = Array.from({ length: processes }, (_, index) =>
      spawn(process.execPath, ['--import', 'tsx', 'tests/hall/fixtures/issue-tickets.ts', file, String(perProcess), `k${index}`], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    const lines = workers.map((worker) => createInterface({ input: worker.stdout })[Symbol.asyncIterator]());
    await Promise.all(lines.map(async (line) => expect((await line.next()).value).toBe('ready')));
    for (const worker of workers) worker.stdin.write('go\n');
    const perWorker = await Promise.all(lines.map(async (line) => JSON.parse((await line.next()).value as string) as string[]));
    // The test only means something if the processes interleaved: some worker's numbers have gaps.
    const interleaved = perWorker.some((numbers) => Number(numbers.at(-1)!.slice(1)) - Number(numbers[0]!.slice(1)) >= numbers.length);
    expect(interleaved).toBe(true);
    const numbers = perWorker.flat();
    expect(numbers).toHaveLength(perProcess * processes);
    expect(new Set(numbers).size).toBe(numbers.length);
    const expected = Array.from({ length: perProcess * processes }, (_, i) => `A${String(i + 1).padStart(3, '0')}`);
    expect([...numbers].sort()).toEqual(expected);
  });

  it('refuses to open a database written by a newer version', async () => {
    const { store, location } = await openStore(engine, { reuse: engine === 'sqlite' ? join(tempDir(), 'hall.db') : undefined });
    await store.run('INSERT INTO schema_migrations VALUES (99, ?, ?)', 'future', new Date().toISOString());
    await store.close();
    if (engine === 'sqlite') expect(() => openDatabase(location, HALL_MIGRATIONS)).toThrow(/newer than this program/);
    else
      await expect(openPostgresHallStore({ urls: [location], hallId: 'hall', migrations: POSTGRES_HALL_MIGRATIONS })).rejects.toThrow(
        /newer than this program/,
      );
  });
});
