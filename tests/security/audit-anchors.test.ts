import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEventLog } from '../../src/hall/event-log.js';
import { createSqliteHallStore } from '../../src/hall/storage/sqlite-store.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import { platformApi } from '../../src/shared/platform-api.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { entryHash, type AuditEntry } from '../../src/storage/audit-chain.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { openCaseStack, type CaseStack } from '../helpers/case-stack.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import { TEST_HALL, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';
import { hallApi } from '../../src/shared/hall-api.js';
import { AuditVerificationSchema } from '../../src/shared/supervision.js';
import { postToHall, useHallServers } from '../helpers/hall-http.js';
import { startTestPlatform, testDraft, type TestPlatform } from '../helpers/platform.js';
import { runNode } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import {
  TEST_ADMIN_TOKEN,
  TEST_KIOSK_PLATFORM_SECRET,
  TEST_PLATFORM_SECRET,
  TEST_SECOND_COUNTER,
  testPlatformConfig,
} from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * Attacks on the audit anchors, over HTTP against a running platform and hall server. Before: whoever
 * held a counter's platform secret could anchor seqs ahead of the counter, whose real anchors were then
 * dropped (the first anchor of a seq stood) and whose intact trail verified as rewritten; and the hall's
 * event log had no anchor, so a log cut at its end verified as intact.
 */
const tempDir = useTempDir('onewindow-anchors-');
const startHall = useHallServers();
const HALL_SECRET = 'test-hall-server-platform-secret';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const clerk = { id: 'c001', name: '李娜' };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** The test platform; `withHall`: the hall server enrolled too, as a terminal of role hall. */
async function startPlatform(withHall = false): Promise<TestPlatform> {
  const terminals = [
    ...testPlatformConfig().terminals,
    ...(withHall ? [{ id: 'hall-t', secretSha256: sha256(HALL_SECRET), hall: 'test-hall', role: 'hall' as const }] : []),
  ];
  const platform = await startTestPlatform(tempDir(), { config: { terminals } });
  cleanup.push(() => platform.close());
  return platform;
}

async function tokenFor(platform: TestPlatform, terminalId: string, secret: string): Promise<string> {
  const reply = await fetch(`${platform.url}${platformApi.token.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ terminalId, secret }),
  });
  expect(reply.status).toBe(200);
  return ((await reply.json()) as { token: string }).token;
}

async function postAnchor(platform: TestPlatform, token: string, body: unknown): Promise<{ status: number; code?: string }> {
  const reply = await fetch(`${platform.url}/api/v1/audit/anchors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const payload = (await reply.json()) as { error?: { code: string } };
  return { status: reply.status, code: payload.error?.code };
}

async function anchorState(hallBase: string): Promise<string> {
  return ((await (await fetch(`${hallBase}/api/v1/health`)).json()) as { auditAnchor: string }).auditAnchor;
}

async function anchorsOf(platform: TestPlatform, owner: string): Promise<{ seq: number; hash: string }[]> {
  const reply = await fetch(`${platform.url}/api/v1/audit/anchors?terminal=${owner}`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  return (await reply.json()) as { seq: number; hash: string }[];
}

/** `onewindow-audit verify` on these entries, with these anchors, as the supervisor runs it. */
async function verify(entries: AuditEntry[], anchors: { seq: number; hash: string }[]) {
  const dir = tempDir();
  writeFileSync(join(dir, 'log.jsonl'), entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  writeFileSync(join(dir, 'anchors.json'), JSON.stringify(anchors));
  const result = await runNode(['bin/onewindow-audit.js', 'verify', join(dir, 'log.jsonl'), '--anchors', join(dir, 'anchors.json')]);
  return { ...result, output: result.stdout + result.stderr };
}

function counterAt(platform: TestPlatform): CaseStack {
  const counter = openCaseStack(tempDir(), randomBytes(32), platform.url);
  cleanup.push(() => counter.close());
  return counter;
}

const randomHash = () => randomBytes(32).toString('hex');

describe('audit anchors', () => {
  it('lets only the chain’s owner anchor it: another counter’s chain and a kiosk are refused', async () => {
    const platform = await startPlatform();
    const counter = await tokenFor(platform, 'counter-t', TEST_PLATFORM_SECRET);
    expect(await postAnchor(platform, counter, { owner: TEST_SECOND_COUNTER.id, seq: 1, hash: randomHash(), after: null })).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await postAnchor(platform, counter, { owner: 'hall-t', seq: 1, hash: randomHash(), after: null })).toMatchObject({
      status: 403,
    });
    const kiosk = await tokenFor(platform, 'kiosk-t', TEST_KIOSK_PLATFORM_SECRET);
    expect(await postAnchor(platform, kiosk, { owner: 'kiosk-t', seq: 1, hash: randomHash(), after: null })).toMatchObject({ status: 403 });
    expect(await anchorsOf(platform, TEST_SECOND_COUNTER.id)).toEqual([]);
    expect(await anchorsOf(platform, 'hall-t')).toEqual([]);
  });

  it('refuses anchors planted ahead with a stolen secret: the real ones keep landing and the trail verifies intact', async () => {
    const platform = await startPlatform();
    const counter = counterAt(platform);
    counter.store.register(testDraft(), clerk);
    expect(await counter.engine.anchorAudit()).toBe(true);
    const tip = counter.store.auditLog.tip()!;

    // The attacker has counter-t's secret, not its case store: it cannot know the trail's hashes.
    const stolen = await tokenFor(platform, 'counter-t', TEST_PLATFORM_SECRET);
    const planted = [tip.seq + 1, tip.seq + 2, tip.seq + 3, 1_000_000];
    for (const seq of planted) {
      expect((await postAnchor(platform, stolen, { seq, hash: randomHash() })).status).toBe(400);
      expect(await postAnchor(platform, stolen, { owner: 'counter-t', seq, hash: randomHash(), after: null })).toMatchObject({
        status: 409,
        code: 'ANCHOR_CONFLICT',
      });
      expect(
        await postAnchor(platform, stolen, { owner: 'counter-t', seq, hash: randomHash(), after: { seq: tip.seq, hash: randomHash() } }),
      ).toMatchObject({ status: 409, code: 'ANCHOR_CONFLICT' });
    }
    // Not beyond the newest anchor: refused whatever it names.
    expect(await postAnchor(platform, stolen, { owner: 'counter-t', seq: tip.seq, hash: randomHash(), after: null })).toMatchObject({
      status: 409,
      code: 'ANCHOR_NOT_NEWER',
    });

    for (let i = 0; i < 3; i++) counter.store.register(testDraft(), clerk);
    expect(await counter.engine.anchorAudit()).toBe(true);
    expect(counter.engine.state().auditAnchor).toBeNull();
    const entries = [...counter.store.auditLog.entries()];
    const anchors = await anchorsOf(platform, 'counter-t');
    expect(anchors.map((anchor) => anchor.seq)).toEqual([tip.seq, entries.at(-1)!.seq]);
    const result = await verify(entries, anchors);
    expect(result.output).toContain('INTACT');
    expect(result.code).toBe(0);
  });

  it('anchors strictly forward: a seq not beyond the newest is refused, the same anchor again is answered as stored', async () => {
    const platform = await startPlatform();
    const token = await tokenFor(platform, 'counter-t', TEST_PLATFORM_SECRET);
    const first = { seq: 5, hash: randomHash() };
    expect((await postAnchor(platform, token, { owner: 'counter-t', ...first, after: null })).status).toBe(200);
    expect((await postAnchor(platform, token, { owner: 'counter-t', ...first, after: null })).status).toBe(200);
    expect(await postAnchor(platform, token, { owner: 'counter-t', seq: 5, hash: randomHash(), after: first })).toMatchObject({
      status: 409,
      code: 'ANCHOR_NOT_NEWER',
    });
    expect(await postAnchor(platform, token, { owner: 'counter-t', seq: 4, hash: randomHash(), after: first })).toMatchObject({
      status: 409,
      code: 'ANCHOR_NOT_NEWER',
    });
    expect((await postAnchor(platform, token, { owner: 'counter-t', seq: 6, hash: randomHash(), after: first })).status).toBe(200);
    expect((await anchorsOf(platform, 'counter-t')).map((anchor) => anchor.seq)).toEqual([5, 6]);
  });

  it('reports loudly when the platform holds an anchor the trail did not make, and verify says it may be foreign', async () => {
    const platform = await startPlatform();
    // Planted before this counter ever anchored: the one anchor a secret alone can still place.
    const stolen = await tokenFor(platform, 'counter-t', TEST_PLATFORM_SECRET);
    expect((await postAnchor(platform, stolen, { owner: 'counter-t', seq: 1_000, hash: randomHash(), after: null })).status).toBe(200);

    const counter = counterAt(platform);
    counter.store.register(testDraft(), clerk);
    expect(await counter.engine.anchorAudit()).toBe(false);
    expect(counter.engine.state().auditAnchor).toMatch(/平台在序号 1000 持有本链的存证.*anchor of this chain at seq 1000/);
    expect(await counter.engine.anchorAudit()).toBe(false);
    const recorded = [...counter.store.auditLog.entries()].filter((entry) => entry.action === 'audit.anchor-mismatch');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.detail).toMatchObject({ kind: 'beyond', platformSeq: 1000 });

    const result = await verify([...counter.store.auditLog.entries()], await anchorsOf(platform, 'counter-t'));
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/TRUNCATED.*it may be foreign/);
  });

  it('tells an anchor that is not the chain’s from a rewritten chain when a later anchor matches', async () => {
    const platform = await startPlatform();
    const counter = counterAt(platform);
    for (let i = 0; i < 4; i++) counter.store.register(testDraft(), clerk);
    const entries = [...counter.store.auditLog.entries()];
    const real = entries.at(-1)!;
    const planted = { seq: 2, hash: randomHash() };
    const foreign = await verify(entries, [planted, { seq: real.seq, hash: real.hash }]);
    expect(foreign.output).toMatch(/ANCHOR MISMATCH: the platform's anchor at seq 2 does not match, but its later anchor at seq \d+ does/);
    expect(foreign.output).not.toContain('REWRITTEN');
    const rewritten = await verify(entries, [{ seq: real.seq, hash: randomHash() }]);
    expect(rewritten.output).toContain('REWRITTEN');
    expect(rewritten.code).toBe(1);
  });
});

describe('the hall server’s event log', () => {
  const hallConfig = (platformUrl: string) =>
    HallConfigSchema.parse({ ...TEST_HALL, platform: { url: platformUrl, terminalId: 'hall-t', secret: HALL_SECRET, anchorSeconds: 5 } });

  async function issue(base: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      expect((await postToHall(base, '/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'kiosk-t' })).status).toBe(200);
    }
  }

  /** The hall's log as `hall-admin audit-export` writes it. */
  async function exported(file: string, key: Buffer): Promise<AuditEntry[]> {
    const store = createSqliteHallStore(openDatabase(file, HALL_MIGRATIONS, { key }), file);
    const entries: AuditEntry[] = [];
    for await (const entry of createEventLog(store, () => new Date()).auditEntries()) entries.push(entry);
    await store.close();
    return entries;
  }

  it('is anchored on the platform by the hall itself, at stop too, so a log cut at its end or rewritten whole no longer verifies as intact', async () => {
    const platform = await startPlatform(true);
    const file = join(tempDir(), 'hall.db');
    const key = randomBytes(32);
    const hall = await startHall(hallConfig(platform.url), { reuse: file, key });
    await issue(hall.base, 3);
    await waitFor(async () => (await anchorsOf(platform, 'hall-t')).length > 0, 15_000);
    await issue(hall.base, 2);
    await hall.stop();

    const entries = await exported(file, key);
    const anchors = await anchorsOf(platform, 'hall-t');
    expect(anchors.at(-1)).toMatchObject({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
    const intact = await verify(entries, anchors);
    expect(intact.output).toContain('INTACT');

    const truncated = await verify(entries.slice(0, -2), anchors);
    expect(truncated.code).toBe(1);
    expect(truncated.output).toMatch(/被截断.*TRUNCATED: the log ends at seq \d+, but the platform holds an anchor at seq \d+/s);

    const recomputed = entries.map((entry) => ({ ...entry }));
    recomputed[1]!.actor = 'someone-else';
    for (let i = 1; i < recomputed.length; i++) {
      recomputed[i]!.prev = recomputed[i - 1]!.hash;
      recomputed[i]!.hash = entryHash(recomputed[i]!);
    }
    const rewritten = await verify(recomputed, anchors);
    expect(rewritten.code).toBe(1);
    expect(rewritten.output).toContain('REWRITTEN');
  });

  it('is verified on the console against the platform: intact, then an edited row, a rewritten chain and a cut end are each found', async () => {
    const platform = await startPlatform(true);
    const hall = await startHall(hallConfig(platform.url));
    await issue(hall.base, 3);
    await waitFor(async () => (await anchorsOf(platform, 'hall-t')).length > 0, 15_000);
    const cookie = await managerCookie(hall.base, TEST_SUPERVISOR);
    const verification = async () => AuditVerificationSchema.parse((await consoleCall(hall.base, cookie, hallApi.auditVerify.path)).body);

    const intact = await verification();
    expect(intact).toMatchObject({ intact: true, platform: { state: 'checked', matched: 1, anchors: 1 } });
    expect(intact.verdict).toContain('完整 / INTACT');
    // What a supervisor hands a third party verifies on its own, with the platform's anchors.
    const chain = await fetch(`${hall.base}${hallApi.auditChain.path}`, { headers: { cookie } });
    const entries = (await chain.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AuditEntry);
    expect((await verify(entries, await anchorsOf(platform, 'hall-t'))).output).toContain('INTACT');

    const [anchored] = await anchorsOf(platform, 'hall-t');
    await hall.store.run('UPDATE hall_events SET actor = ? WHERE seq = ?', 'someone-else', anchored!.seq);
    expect((await verification()).problems.join()).toContain(`序号 ${anchored!.seq}）被修改`);

    // The same edit with every hash after it recomputed: only the platform's anchor tells.
    const rows = await hall.store.all<{ seq: number; at: string; actor: string; type: string; payload: string; prev_hash: string }>(
      'SELECT seq, at, actor, type, payload, prev_hash FROM hall_events WHERE hash IS NOT NULL ORDER BY seq',
    );
    let prev = rows[0]!.prev_hash;
    for (const row of rows) {
      const hash = entryHash({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.type,
        caseId: null,
        detail: JSON.parse(row.payload),
        prev,
      });
      await hall.store.run('UPDATE hall_events SET prev_hash = ?, hash = ? WHERE seq = ?', prev, hash, row.seq);
      prev = hash;
    }
    const rewritten = await verification();
    expect(rewritten.intact).toBe(false);
    expect(rewritten.verdict).toContain('被重写 / REWRITTEN');

    await hall.store.run('DELETE FROM hall_events WHERE seq >= ?', anchored!.seq);
    expect((await verification()).verdict).toContain('被截断 / TRUNCATED');
  });

  it('keeps serving while the platform is down, and anchors once it is back', async () => {
    const platform = await startPlatform(true);
    let down = true;
    const proxy = await startFaultProxy(platform.url, () => (down ? 'error-503' : 'pass'), { holdMs: 0, random: Math.random });
    cleanup.push(() => proxy.close());
    const hall = await startHall(hallConfig(proxy.url));
    await issue(hall.base, 2);
    await waitFor(async () => (await anchorState(hall.base)) === 'unreachable', 15_000);
    expect(await anchorsOf(platform, 'hall-t')).toEqual([]);
    down = false;
    // The platform stores the anchor before the hall has its answer: the hall's health follows a moment later.
    await waitFor(async () => (await anchorState(hall.base)) === 'anchored', 15_000);
    expect((await anchorsOf(platform, 'hall-t')).length).toBeGreaterThan(0);
  });
});
