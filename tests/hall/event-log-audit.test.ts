import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import { verifyChain } from '../../src/storage/audit-chain.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers, type HallServerOptions } from '../helpers/hall-http.js';
import { HALL_ENGINES } from '../helpers/hall-store.js';
import { runNode, runTool } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startHall = useHallServers();
const tempDir = useTempDir('onewindow-hall-audit-');

async function busyHall(options: HallServerOptions) {
  const hall = await startHall(TEST_HALL, options);
  for (let i = 0; i < 3; i++) await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'kiosk-01' });
  await hall.post('/api/v1/calls/next', { windowNumber: 2 });
  await hall.post('/api/v1/calls/transfer', { windowNumber: 2, toWindowNumber: 3, note: '需补材料' });
  await hall.post('/api/v1/calls/next', { windowNumber: 3 });
  await hall.post('/api/v1/calls/finish', { windowNumber: 3, serviceCodes: [] });
  return hall;
}

async function lines(store: HallStore) {
  const exported: string[] = [];
  for await (const entry of createEventLog(store, () => new Date()).auditEntries()) exported.push(JSON.stringify(entry));
  return exported;
}

describe.each(HALL_ENGINES)("the hall's event log as an audit trail on %s", (engine) => {
  it('records the configuration the hall starts with, again only when it changed', async () => {
    const configChanges = (store: HallStore) => store.get(`SELECT count(*) AS n FROM hall_events WHERE type = 'hall.configChanged'`);
    const first = await startHall(TEST_HALL, { engine, durable: true });
    await first.stop();
    const same = await startHall(TEST_HALL, { engine, reuse: first.location });
    expect(await configChanges(same.store)).toEqual({ n: 1 });
    await same.stop();
    const changed = await startHall({ ...TEST_HALL, hallName: '另一个大厅' }, { engine, reuse: first.location });
    expect(await configChanges(changed.store)).toEqual({ n: 2 });
  });

  it('chains changes that arrive together, one of them refused after it appended, without a gap', async () => {
    const hall = await startHall(TEST_HALL, { engine });
    const events = createEventLog(hall.store, () => new Date());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        hall.store.transaction(async () => {
          await events.append('window.paused', null, 1);
          // Refused after its event was appended: the changes after it chain onto the one before it.
          if (i === 4) throw new Error('refused');
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    const exported = await lines(hall.store);
    expect(exported.filter((line) => line.includes('"action":"window.paused"'))).toHaveLength(11);
    expect(verifyChain(exported)).toEqual({ entries: exported.length, problems: [] });
  });

  it('chains every ticket and call, with who made it, and verifies intact', async () => {
    const hall = await busyHall({ engine });
    const exported = await lines(hall.store);
    expect(exported.length).toBeGreaterThanOrEqual(7);
    expect(JSON.parse(exported[0]!)).toMatchObject({
      seq: 1,
      actor: 'hall',
      action: 'hall.configChanged',
      detail: { configSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      prev: '0'.repeat(64),
    });
    expect(JSON.parse(exported[1]!)).toMatchObject({ seq: 2, actor: 'kiosk-01', action: 'ticket.issued' });
    // The transfer is chained; its note, which may name the applicant, is kept beside the chain until retention clears it.
    expect(exported.some((line) => line.includes('"action":"ticket.transferred"'))).toBe(true);
    expect(exported.join('\n')).not.toContain('需补材料');
    expect(verifyChain(exported)).toEqual({ entries: exported.length, problems: [] });
  });

  it('finds an event edited in the database, and one deleted from it', async () => {
    const hall = await busyHall({ engine });
    expect(
      await hall.store.run(
        `UPDATE hall_events SET payload = replace(payload, '"windowNumber":3', '"windowNumber":4') WHERE type = 'ticket.finished'`,
      ),
    ).toBe(1);
    const finished = (await hall.store.get<{ seq: number }>(`SELECT seq FROM hall_events WHERE type = 'ticket.finished'`))!.seq;
    expect(verifyChain(await lines(hall.store)).problems).toEqual([expect.objectContaining({ kind: 'edited', seq: finished })]);

    await hall.store.run('DELETE FROM hall_events WHERE seq = 2');
    expect(verifyChain(await lines(hall.store)).problems).toContainEqual(
      expect.objectContaining({ kind: 'removed', expectedSeq: 2, foundSeq: 3 }),
    );
  });

  it('is exported by hall:admin audit-export and checked by onewindow-audit verify', async () => {
    const dir = tempDir();
    const key = 'ab'.repeat(32);
    // On SQLite an encrypted file, under the key the admin tool is given; on PostgreSQL the hall's database.
    const hall = await busyHall({ engine, durable: true, key: Buffer.from(key, 'hex') });
    writeFileSync(join(dir, 'hall.json'), JSON.stringify(TEST_HALL));
    const exported = await runTool(
      'src/hall/admin-cli.ts',
      [
        '--config',
        join(dir, 'hall.json'),
        ...(engine === 'sqlite' ? ['--db', hall.location] : ['--database', hall.location]),
        'audit-export',
      ],
      { ONEWINDOW_HALL_KEY: key },
    );
    expect(exported.stdout.trim().split('\n')).toEqual(await lines(hall.store));
    writeFileSync(join(dir, 'events.jsonl'), exported.stdout);
    const verified = await runNode(['bin/onewindow-audit.js', 'verify', join(dir, 'events.jsonl')]);
    expect(verified.stdout).toContain('INTACT');
    expect(verified.code).toBe(0);
  });
});
