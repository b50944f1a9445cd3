import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { verifyChain } from '../../src/storage/audit-chain.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';
import { runNode, runTool } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';

const startHall = useHallServers();
const tempDir = useTempDir('onewindow-hall-audit-');

async function busyHall(file?: string, key?: Buffer) {
  const hall = await startHall(TEST_HALL, { file, key });
  for (let i = 0; i < 3; i++) await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'kiosk-01' });
  await hall.post('/api/v1/calls/next', { windowNumber: 2 });
  await hall.post('/api/v1/calls/transfer', { windowNumber: 2, toWindowNumber: 3, note: '需补材料' });
  await hall.post('/api/v1/calls/next', { windowNumber: 3 });
  await hall.post('/api/v1/calls/finish', { windowNumber: 3, serviceCodes: [] });
  return hall;
}

const lines = (db: Parameters<typeof createEventLog>[0]) =>
  [...createEventLog(db, () => new Date()).auditEntries()].map((entry) => JSON.stringify(entry));

describe("the hall's event log as an audit trail", () => {
  it('records the configuration the hall starts with, again only when it changed', async () => {
    const file = join(tempDir(), 'hall.db');
    const configChanges = (db: Parameters<typeof createEventLog>[0]) =>
      db.prepare(`SELECT count(*) AS n FROM hall_events WHERE type = 'hall.configChanged'`).get();
    await (await startHall(TEST_HALL, { file })).stop();
    const same = await startHall(TEST_HALL, { file });
    expect(configChanges(same.db)).toEqual({ n: 1 });
    await same.stop();
    const changed = await startHall({ ...TEST_HALL, hallName: '另一个大厅' }, { file });
    expect(configChanges(changed.db)).toEqual({ n: 2 });
  });

  it('chains every ticket and call, with who made it, and verifies intact', async () => {
    const hall = await busyHall();
    const exported = lines(hall.db);
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
    const hall = await busyHall();
    hall.db
      .prepare(`UPDATE hall_events SET payload = replace(payload, '"windowNumber":3', '"windowNumber":4') WHERE type = 'ticket.finished'`)
      .run();
    const finished = (hall.db.prepare(`SELECT seq FROM hall_events WHERE type = 'ticket.finished'`).get() as { seq: number }).seq;
    expect(verifyChain(lines(hall.db)).problems).toEqual([expect.objectContaining({ kind: 'edited', seq: finished })]);

    hall.db.prepare('DELETE FROM hall_events WHERE seq = 2').run();
    expect(verifyChain(lines(hall.db)).problems).toContainEqual(expect.objectContaining({ kind: 'removed', expectedSeq: 2, foundSeq: 3 }));
  });

  it('is exported by hall:admin audit-export and checked by onewindow-audit verify', async () => {
    const dir = tempDir();
    const key = 'ab'.repeat(32);
    const hall = await busyHall(join(dir, 'hall.db'), Buffer.from(key, 'hex'));
    writeFileSync(join(dir, 'hall.json'), JSON.stringify(TEST_HALL));
    const exported = await runTool(
      'src/hall/admin-cli.ts',
      ['--config', join(dir, 'hall.json'), '--db', join(dir, 'hall.db'), 'audit-export'],
      { ONEWINDOW_HALL_KEY: key },
    );
    expect(exported.stdout.trim().split('\n')).toEqual(lines(hall.db));
    writeFileSync(join(dir, 'events.jsonl'), exported.stdout);
    const verified = await runNode(['bin/onewindow-audit.js', 'verify', join(dir, 'events.jsonl')]);
    expect(verified.stdout).toContain('INTACT');
    expect(verified.code).toBe(0);
  });
});
