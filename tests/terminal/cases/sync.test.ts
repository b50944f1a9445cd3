import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseDraft, CaseSummary } from '../../../src/shared/cases.js';
import { uuidv7 } from '../../../src/shared/uuid.js';
import { openCaseStack, type CaseStack } from '../../helpers/case-stack.js';
import { seededRandom, startFaultProxy, type Fault, type FaultProxy } from '../../helpers/fault-proxy.js';
import { sha256, startTestPlatform, testDraft, type TestPlatform } from '../../helpers/platform.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { TEST_ADMIN_TOKEN } from '../../helpers/terminal.js';
import { waitFor } from '../../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-sync-');
const clerk = { id: 'c001', name: '李娜' };
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function platformAt(dir: string, port?: number): Promise<TestPlatform> {
  const platform = await startTestPlatform(dir, { port });
  cleanup.push(() => platform.close());
  return platform;
}

function stack(dir: string, key: Buffer, url: string, options: Parameters<typeof openCaseStack>[3] = {}): CaseStack {
  const opened = openCaseStack(dir, key, url, options);
  cleanup.push(() => opened.close());
  return opened;
}

/** A case with two captured pages: one small, one large enough to go up in several pieces. */
function registerWithPages(counter: CaseStack, seed: number): CaseSummary {
  const random = seededRandom(seed);
  const page = (size: number) => Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256)));
  const small = counter.store.stageMaterial(page(50_000), 'image/jpeg');
  const large = counter.store.stageMaterial(page(600_000), 'application/pdf');
  const draft: CaseDraft = testDraft();
  return counter.store.register(
    {
      ...draft,
      materials: [
        { ...draft.materials[0]!, files: [small] },
        { ...draft.materials[1]!, files: [large] },
      ],
    },
    clerk,
  );
}

function expectOnPlatformExactlyOnce(platform: TestPlatform, cases: CaseSummary[]): void {
  const rows = platform.query<{ case_id: string; n: number }>('SELECT case_id, count(*) AS n FROM cases GROUP BY case_id');
  expect(rows.map((row) => row.case_id).sort()).toEqual(cases.map((c) => c.caseId).sort());
  expect(rows.every((row) => row.n === 1)).toBe(true);
  const files = platform.query<{ sha256: string; complete: number }>('SELECT sha256, complete FROM materials');
  expect(files).toHaveLength(cases.length * 2);
  for (const file of files) {
    expect(file.complete).toBe(1);
    const pieces = platform.query<{ data: Buffer }>('SELECT data FROM material_pieces WHERE sha256 = ? ORDER BY offset', file.sha256);
    expect(sha256(Buffer.concat(pieces.map((piece) => piece.data)))).toBe(file.sha256);
  }
  expect(platform.query('SELECT case_id FROM case_materials')).toHaveLength(cases.length * 2);
}

describe('case sync', () => {
  it('registers while the platform is down and delivers everything once it is back', async () => {
    const platformDir = tempDir();
    const first = await platformAt(platformDir);
    const port = Number(new URL(first.url).port);
    await first.close();
    const counter = stack(tempDir(), randomBytes(32), first.url);
    counter.engine.start();
    const cases = [1, 2, 3].map((seed) => registerWithPages(counter, seed));
    await waitFor(() => counter.engine.state().lastError !== null);
    expect(counter.engine.state()).toMatchObject({ online: false, backlog: 3, deadLetters: 0 });

    const platform = await platformAt(platformDir, port);
    await waitFor(() => counter.engine.state().backlog === 0, 20_000);
    expect(counter.engine.state()).toMatchObject({ online: true, deadLetters: 0, lastError: null });
    for (const local of counter.store.list(10)) {
      expect(local).toMatchObject({ sync: 'synced', caseNumber: expect.stringMatching(/^11440300007542037X4440117009000\d{14}$/) });
    }
    expectOnPlatformExactlyOnce(platform, cases);
  });

  it('delivers every case and material exactly once through drops, lost replies, 5xx, timeouts and reordering', async () => {
    const platform = await platformAt(tempDir());
    const random = seededRandom(20261127);
    const faults: Fault[] = ['drop-request', 'drop-reply', 'error-503', 'timeout', 'slow', 'slow'];
    const proxy: FaultProxy = await startFaultProxy(
      platform.url,
      () => (random() < 0.4 ? faults[Math.floor(random() * faults.length)]! : 'pass'),
      { holdMs: 150, random },
    );
    cleanup.push(() => proxy.close());
    const counter = stack(tempDir(), randomBytes(32), proxy.url, { timeoutMs: 200, concurrency: 6 });
    counter.engine.start();
    const cases = Array.from({ length: 30 }, (_, seed) => registerWithPages(counter, seed + 100));
    await waitFor(() => counter.engine.state().backlog === 0, 90_000);
    expect(counter.engine.state().deadLetters).toBe(0);
    for (const fault of faults) expect(proxy.counts[fault]).toBeGreaterThan(0);
    expectOnPlatformExactlyOnce(platform, cases);
    expect(platform.query('SELECT count(*) AS n FROM applied_operations')).toEqual([{ n: 30 }]);
  });

  it('sends a refused operation to the dead letters, holds its case’s later operations, and lets a clerk retry or discard (audited)', async () => {
    const platform = await platformAt(tempDir());
    const counter = stack(tempDir(), randomBytes(32), platform.url);
    counter.engine.start();
    const accepted = counter.store.register(testDraft(), clerk);
    await waitFor(() => counter.engine.state().backlog === 0);
    // The platform still has the case at 受理: 归档 now is a conflict it refuses (409).
    counter.db.transaction(() => {
      counter.store.outbox.enqueue({
        kind: 'case.move',
        opId: uuidv7(),
        caseId: accepted.caseId,
        stage: 'archived',
        at: '20261127T120000',
      });
      counter.store.outbox.enqueue({
        kind: 'case.evaluate',
        opId: uuidv7(),
        caseId: accepted.caseId,
        level: 1,
        reasons: [],
        at: '20261127T120001',
      });
    })();
    counter.engine.kick();
    await waitFor(() => counter.engine.state().deadLetters === 1);
    const [dead] = counter.store.outbox.deadLetters();
    expect(dead).toMatchObject({
      kind: 'case.move',
      caseNumber: expect.any(String),
      error: expect.stringMatching(/^STAGE_CONFLICT: .*cannot move to archived/),
    });
    expect(counter.store.get(accepted.caseId)).toMatchObject({ sync: 'dead-letter', syncError: dead!.error });
    expect(counter.engine.state().backlog).toBe(1);

    counter.engine.retry(dead!.opId, 'c001');
    await waitFor(() => counter.store.outbox.deadLetters()[0]?.attempts === 2);
    counter.engine.discard(dead!.opId, 'c001');
    await waitFor(() => counter.engine.state().backlog === 0);
    expect(platform.query('SELECT level FROM evaluations')).toEqual([{ level: 1 }]);
    expect(counter.db.prepare(`SELECT action, actor FROM audit WHERE action LIKE 'sync.%' ORDER BY seq`).all()).toEqual([
      { action: 'sync.dead-letter', actor: 'sync' },
      { action: 'sync.retry', actor: 'c001' },
      { action: 'sync.dead-letter', actor: 'sync' },
      { action: 'sync.discard', actor: 'c001' },
    ]);
  });

  it('gets a new token when the platform answers 401, without losing or repeating anything', async () => {
    const platformDir = tempDir();
    const first = await platformAt(platformDir);
    const counter = stack(tempDir(), randomBytes(32), first.url);
    counter.engine.start();
    const one = counter.store.register(testDraft(), clerk);
    await waitFor(() => counter.engine.state().backlog === 0);
    await first.close();
    // The restarted platform has forgotten every token it issued.
    const platform = await platformAt(platformDir, Number(new URL(first.url).port));
    const two = counter.store.register(testDraft(), clerk);
    counter.engine.kick();
    await waitFor(() => counter.engine.state().backlog === 0, 10_000);
    expect(counter.engine.state().deadLetters).toBe(0);
    expect(platform.query<{ case_id: string }>('SELECT case_id FROM cases ORDER BY case_id').map((row) => row.case_id)).toEqual(
      [one.caseId, two.caseId].sort(),
    );
  });

  it('waits as long as Retry-After says', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'BUSY', message: '平台繁忙' } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const counter = stack(tempDir(), randomBytes(32), `http://127.0.0.1:${(server.address() as AddressInfo).port}`, { random: () => 0 });
    counter.store.register(testDraft(), clerk);
    const before = Date.now();
    counter.engine.start();
    await waitFor(() => counter.engine.state().lastError !== null);
    const { next_at: nextAt } = counter.db.prepare('SELECT next_at FROM outbox').get() as { next_at: number };
    expect(nextAt - before).toBeGreaterThanOrEqual(7000);
    expect(counter.engine.state()).toMatchObject({ backlog: 1, deadLetters: 0, lastError: '平台繁忙' });
  });

  it('follows the back office through the changes feed and tells the counter which cases changed', async () => {
    const platform = await platformAt(tempDir());
    const changed: string[] = [];
    const counter = stack(tempDir(), randomBytes(32), platform.url, { onCasesChanged: (ids) => changed.push(...ids) });
    counter.engine.start();
    const local = counter.store.register(testDraft(), clerk);
    await waitFor(() => counter.engine.state().backlog === 0);
    const caseNumber = counter.store.get(local.caseId).caseNumber!;
    for (let step = 0; step < 3; step++) {
      await fetch(`${platform.url}/api/v1/admin/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        body: JSON.stringify({ caseNumber, handler: '王审核' }),
      });
    }
    changed.length = 0;
    expect(await counter.engine.pullChanges()).toBe(1);
    expect(changed).toEqual([local.caseId]);
    const after = counter.store.get(local.caseId);
    expect(after.stage).toBe('processing');
    expect(after.progress.map((entry) => [entry.stage, entry.step ?? null])).toEqual([
      ['accepted', null],
      ['dispatched', '分件'],
      ['transferred', '转交'],
      ['processing', '审核'],
    ]);
    expect(await counter.engine.pullChanges()).toBe(0);
  });

  it('anchors the audit trail’s tip on the platform, once per new tip', async () => {
    const platform = await platformAt(tempDir());
    const counter = stack(tempDir(), randomBytes(32), platform.url);
    counter.store.register(testDraft(), clerk);
    expect(await counter.engine.anchorAudit()).toBe(true);
    expect(await counter.engine.anchorAudit()).toBe(false);
    const tip = counter.store.auditLog.tip()!;
    const anchors = await fetch(`${platform.url}/api/v1/audit/anchors?terminal=counter-t`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(await anchors.json()).toEqual([{ seq: tip.seq, hash: tip.hash, at: expect.any(String) }]);
    expect((await fetch(`${platform.url}/api/v1/audit/anchors?terminal=counter-t`)).status).toBe(403);
  });

  it('resumes an upload after a restart from where the platform stands, not from the start', async () => {
    const platform = await platformAt(tempDir());
    let patches = 0;
    let cut = true;
    const proxy = await startFaultProxy(
      platform.url,
      (request) => {
        if (request.method === 'PATCH') patches += 1;
        return cut && patches > 2 ? 'drop-request' : 'pass';
      },
      { holdMs: 0, random: Math.random },
    );
    cleanup.push(() => proxy.close());
    const dir = tempDir();
    const key = randomBytes(32);
    const before = openCaseStack(dir, key, proxy.url);
    before.engine.start();
    const big = before.store.stageMaterial(randomBytes(1_000_000), 'application/pdf');
    const draft = testDraft();
    const registered = before.store.register({ ...draft, materials: [{ ...draft.materials[0]!, files: [big] }] }, clerk);
    await waitFor(() => patches > 2);
    await before.close();
    expect(platform.query('SELECT received FROM materials')).toEqual([{ received: 2 * 256 * 1024 }]);

    cut = false;
    const after = stack(dir, key, proxy.url);
    after.engine.start();
    await waitFor(() => after.engine.state().backlog === 0, 10_000);
    expect(after.store.get(registered.caseId).sync).toBe('synced');
    expect(platform.query('SELECT received, complete, bytes_written FROM materials')).toEqual([
      { received: 1_000_000, complete: 1, bytes_written: 1_000_000 },
    ]);
  });
});
