import { afterEach, describe, expect, it } from 'vitest';
import { CaseSubmissionSchema } from '../../src/shared/cases.js';
import type { CaseOperation } from '../../src/shared/platform-api.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import { sha256, startTestPlatform, testDraft, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_ADMIN_TOKEN, TEST_PLATFORM_SECRET } from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-platform-');
let platform: TestPlatform;
afterEach(async () => platform?.close());

async function call(
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: Buffer } = {},
) {
  const response = await fetch(platform.url + path, {
    method: init.method ?? (init.body || init.raw ? 'POST' : 'GET'),
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.raw ? { 'content-type': 'application/offset+octet-stream' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.raw ? new Uint8Array(init.raw) : init.body ? JSON.stringify(init.body) : undefined,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

async function token(): Promise<string> {
  const { body } = await call('/api/v1/token', { body: { terminalId: 'counter-t', secret: TEST_PLATFORM_SECRET } });
  return body.token as string;
}

function submitOp(files: { sha256: string; size: number }[] = []): Extract<CaseOperation, { kind: 'case.submit' }> {
  const caseId = uuidv7();
  const draft = testDraft();
  const submission = CaseSubmissionSchema.parse({
    ...draft,
    materials: [{ ...draft.materials[0]!, files: files.map((file) => ({ ...file, mediaType: 'image/jpeg' })) }],
    flags: { joint: false, reported: false, online: false },
    caseId,
    terminalId: 'counter-t',
    clerkId: 'c001',
    appliedAt: '20261127T093000',
    stage: 'accepted',
  });
  return { kind: 'case.submit', opId: uuidv7(), caseId, case: submission };
}

const post = (op: CaseOperation, bearer: string, key = op.opId) =>
  call('/api/v1/operations', { body: op, token: bearer, headers: { 'idempotency-key': key } });

describe('reference platform', () => {
  it('trades an enrolled secret for a token and refuses anything else', async () => {
    platform = await startTestPlatform(tempDir());
    expect((await call('/api/v1/health')).body).toEqual({ service: 'onewindow-reference-platform', reference: true });
    const wrong = await call('/api/v1/token', { body: { terminalId: 'counter-t', secret: 'not-the-secret-at-all' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error!.message).toMatch(/not enrolled .* or its secret is wrong/);
    expect((await call('/api/v1/changes')).status).toBe(401);
    expect((await call('/api/v1/changes', { token: 'forged-token-forged-token' })).status).toBe(401);
    expect((await call('/api/v1/changes', { token: await token() })).body).toEqual({ changes: [], cursor: 0, more: false });
  });

  it('lets the back office give a terminal a new secret or revoke it, at once and across a restart', async () => {
    const dir = tempDir();
    platform = await startTestPlatform(dir);
    const admin = { token: TEST_ADMIN_TOKEN };
    const before = await token();
    expect((await call('/api/v1/admin/terminals/secret', { body: { terminalId: 'counter-t' }, token: 'not-the-admin' })).status).toBe(403);

    const reissued = await call('/api/v1/admin/terminals/secret', { body: { terminalId: 'counter-t' }, ...admin });
    expect(reissued.status).toBe(200);
    const secret = reissued.body.secret as string;
    expect((await call('/api/v1/changes', { token: before })).status).toBe(401);
    expect((await call('/api/v1/token', { body: { terminalId: 'counter-t', secret: TEST_PLATFORM_SECRET } })).status).toBe(401);
    const after = (await call('/api/v1/token', { body: { terminalId: 'counter-t', secret } })).body.token as string;
    expect((await call('/api/v1/changes', { token: after })).status).toBe(200);

    expect((await call('/api/v1/admin/terminals/revoke', { body: { terminalId: 'counter-t' }, ...admin })).body).toMatchObject({
      terminalId: 'counter-t',
    });
    expect((await call('/api/v1/changes', { token: after })).status).toBe(401);
    await platform.close();
    platform = await startTestPlatform(dir);
    const refused = await call('/api/v1/token', { body: { terminalId: 'counter-t', secret } });
    expect(refused.status).toBe(401);
    expect(refused.body.error!.message).toContain('已被吊销');
    expect((await call('/api/v1/admin/terminals/revoke', { body: { terminalId: 'nobody' }, ...admin })).status).toBe(404);
  });

  it('assigns 办件编号 as 实施编码 + date + a daily sequence, and a repeat gets the first answer', async () => {
    platform = await startTestPlatform(tempDir(), { now: () => new Date('2026-11-27T01:30:00Z') });
    const bearer = await token();
    const first = submitOp();
    const accepted = await post(first, bearer);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      caseId: first.caseId,
      caseNumber: '11440300007542037X4440117009000' + '20261127' + '000001',
      stage: 'accepted',
      promisedDate: '20261204',
    });
    expect((await post(first, bearer)).body).toEqual(accepted.body);
    expect((await post(submitOp(), bearer)).body.caseNumber).toMatch(/000002$/);
    expect(platform.query('SELECT case_id FROM cases')).toHaveLength(2);
  });

  it('refuses the same key with another body (422) and a write without a key (400)', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const op = submitOp();
    await post(op, bearer);
    const reused = await post(submitOp(), bearer, op.opId);
    expect(reused.status).toBe(422);
    expect(reused.body.error!.code).toBe('IDEMPOTENCY_MISMATCH');
    const keyless = await call('/api/v1/operations', { body: submitOp(), token: bearer });
    expect(keyless.status).toBe(400);
    expect(keyless.body.error!.message).toMatch(/Idempotency-Key/);
  });

  it('takes a material in pieces from where it stands and keeps it only when its hash checks', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const bytes = Buffer.alloc(300_000, 7);
    const hash = sha256(bytes);
    const created = await call('/api/v1/materials', { body: { sha256: hash, size: bytes.length, mediaType: 'image/jpeg' }, token: bearer });
    expect(created.body).toEqual({ sha256: hash, size: bytes.length, offset: 0, complete: false });
    const patch = (offset: number, chunk: Buffer) =>
      call(`/api/v1/materials/${hash}`, { method: 'PATCH', raw: chunk, token: bearer, headers: { 'upload-offset': String(offset) } });
    expect((await patch(0, bytes.subarray(0, 100_000))).body.offset).toBe(100_000);
    const stale = await patch(0, bytes.subarray(0, 100_000));
    expect(stale.status).toBe(409);
    expect(stale.body.error!.message).toMatch(/at 100000 bytes/);
    expect(
      (await call('/api/v1/materials', { body: { sha256: hash, size: bytes.length, mediaType: 'image/jpeg' }, token: bearer })).body.offset,
    ).toBe(100_000);
    expect((await patch(100_000, bytes.subarray(100_000))).body).toMatchObject({ offset: bytes.length, complete: true });

    const forged = Buffer.alloc(1000, 1);
    const claimed = sha256('something else');
    await call('/api/v1/materials', { body: { sha256: claimed, size: forged.length, mediaType: 'image/png' }, token: bearer });
    const mismatch = await call(`/api/v1/materials/${claimed}`, {
      method: 'PATCH',
      raw: forged,
      token: bearer,
      headers: { 'upload-offset': '0' },
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error!.code).toBe('HASH_MISMATCH');
    expect(platform.query('SELECT received, complete FROM materials WHERE sha256 = ?', claimed)).toEqual([{ received: 0, complete: 0 }]);
  });

  it('creates an upload with its first piece when asked to (tus creation-with-upload)', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const bytes = Buffer.from('one small page');
    const headers = { 'upload-offset': '0', 'upload-length': String(bytes.length), 'upload-media-type': 'image/png' };
    const first = await call(`/api/v1/materials/${sha256(bytes)}`, { method: 'PATCH', raw: bytes, token: bearer, headers });
    expect(first.body).toEqual({ sha256: sha256(bytes), size: bytes.length, offset: bytes.length, complete: true });
    expect((await call(`/api/v1/materials/${sha256(bytes)}`, { method: 'PATCH', raw: bytes, token: bearer, headers })).body).toMatchObject({
      complete: true,
    });
    const bad = await call(`/api/v1/materials/${sha256('x')}`, {
      method: 'PATCH',
      raw: bytes,
      token: bearer,
      headers: { ...headers, 'upload-media-type': 'text/html' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/Upload-Media-Type/);
  });

  it('accepts a case only once all its files have arrived', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const refused = await post(submitOp([{ sha256: sha256('never uploaded'), size: 14 }]), bearer);
    expect(refused.status).toBe(409);
    expect(refused.body.error!.code).toBe('MATERIAL_MISSING');
  });

  it('moves cases through the back office and reports each step in the changes feed', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const op = submitOp();
    const { body: ack } = await post(op, bearer);
    const advance = (admin: string) =>
      call('/api/v1/admin/advance', { body: { caseNumber: ack.caseNumber, opinion: '材料齐全' }, token: admin });
    expect((await advance(bearer)).status).toBe(403);
    for (let step = 0; step < 5; step++) expect((await advance(TEST_ADMIN_TOKEN)).status).toBe(200);
    const over = await advance(TEST_ADMIN_TOKEN);
    expect(over.status).toBe(409);
    const feed = await call('/api/v1/changes?after=0&limit=3', { token: bearer });
    expect(feed.body).toMatchObject({ cursor: 3, more: true });
    const rest = await call('/api/v1/changes?after=3', { token: bearer });
    const stages = [...(feed.body.changes as { stage: string }[]), ...(rest.body.changes as { stage: string }[])].map(
      (change) => change.stage,
    );
    expect(stages).toEqual(['accepted', 'dispatched', 'transferred', 'processing', 'processing', 'completed']);
    expect((rest.body.changes as { completion?: unknown }[]).at(-1)!.completion).toMatchObject({
      resultName: '不动产登记（转移登记）办理结果',
    });

    const move = (stage: string) =>
      post({ kind: 'case.move', opId: uuidv7(), caseId: op.caseId, stage: stage as 'delivered', at: '20261201T100000' }, bearer);
    const early = await move('archived');
    expect(early.status).toBe(409);
    expect(early.body.error!.code).toBe('STAGE_CONFLICT');
    expect((await move('delivered')).body.stage).toBe('delivered');
  });

  it('answers bad input with a 4xx that says what is wrong', async () => {
    platform = await startTestPlatform(tempDir());
    const bearer = await token();
    const bad = await call('/api/v1/operations', {
      body: { kind: 'case.submit', opId: 'x' },
      token: bearer,
      headers: { 'idempotency-key': 'k' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/opId/);
    expect((await call('/api/v1/changes?after=-1', { token: bearer })).status).toBe(400);
  });
});
