import { afterEach, describe, expect, it } from 'vitest';
import type { MaterialFile } from '../../src/shared/cases.js';
import { callPlatform, platformToken, sha256, startTestPlatform, testDraft, testSubmitOp, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_OTHER_HALL_COUNTER, TEST_PLATFORM_SECRET, TEST_SECOND_COUNTER } from '../helpers/terminal.js';

/**
 * Material uploads are content-addressed: a terminal that learns a file's hash (a colleague's case, a
 * feed) must not be able to block the real upload by announcing that hash first with a wrong size, or by
 * feeding it wrong bytes.
 */

const tempDir = useTempDir('onewindow-platform-uploads-');
let platform: TestPlatform;
afterEach(async () => platform?.close());

const announce = (token: string, file: MaterialFile) => callPlatform(platform.url, '/api/v1/materials', { body: file, token });
const append = (token: string, hash: string, offset: number, bytes: Buffer) =>
  callPlatform(platform.url, `/api/v1/materials/${hash}`, {
    method: 'PATCH',
    raw: bytes,
    token,
    headers: { 'upload-offset': String(offset) },
  });

const submitNaming = (terminalId: string, file: MaterialFile) =>
  testSubmitOp(terminalId, { materials: [{ ...testDraft().materials[0]!, files: [file] }] });

describe('material uploads', () => {
  it('a file announced first by another terminal with a wrong size, and fed wrong bytes, still arrives from its own counter', async () => {
    platform = await startTestPlatform(tempDir());
    const victim = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const colleague = await platformToken(platform.url, TEST_SECOND_COUNTER.id, TEST_SECOND_COUNTER.secret);
    const stranger = await platformToken(platform.url, TEST_OTHER_HALL_COUNTER.id, TEST_OTHER_HALL_COUNTER.secret);
    const page = Buffer.alloc(20_000, 3);
    const file: MaterialFile = { sha256: sha256(page), size: page.length, mediaType: 'image/jpeg' };

    for (const attacker of [colleague, stranger]) {
      expect((await announce(attacker, { ...file, size: 1 })).status).toBe(200);
      expect((await append(attacker, file.sha256, 0, Buffer.from('x'))).body.error?.code).toBe('HASH_MISMATCH');
      expect((await announce(attacker, { ...file, size: 5 })).body.error?.code).toBe('SIZE_MISMATCH');
    }

    expect(await announce(victim, file)).toMatchObject({
      status: 200,
      body: { sha256: file.sha256, size: file.size, offset: 0, complete: false },
    });
    expect((await append(victim, file.sha256, 0, page.subarray(0, 8000))).body).toMatchObject({ offset: 8000 });
    // The attackers' state does not move the victim's offset, nor theirs the victim's.
    expect((await append(colleague, file.sha256, 0, Buffer.from('y'))).body.error?.code).toBe('HASH_MISMATCH');
    expect((await append(victim, file.sha256, 8000, page.subarray(8000))).body).toMatchObject({ offset: page.length, complete: true });

    const op = submitNaming('counter-t', file);
    expect(
      (await callPlatform(platform.url, '/api/v1/operations', { body: op, token: victim, headers: { 'idempotency-key': op.opId } })).status,
    ).toBe(200);
  });

  it('a counter cannot name in its case a file only another terminal uploaded', async () => {
    platform = await startTestPlatform(tempDir());
    const owner = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const other = await platformToken(platform.url, TEST_SECOND_COUNTER.id, TEST_SECOND_COUNTER.secret);
    const page = Buffer.from('a page only counter-t captured');
    const file: MaterialFile = { sha256: sha256(page), size: page.length, mediaType: 'image/png' };
    await announce(owner, file);
    expect((await append(owner, file.sha256, 0, page)).body).toMatchObject({ complete: true });
    const op = submitNaming(TEST_SECOND_COUNTER.id, file);
    const refused = await callPlatform(platform.url, '/api/v1/operations', {
      body: op,
      token: other,
      headers: { 'idempotency-key': op.opId },
    });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'MATERIAL_MISSING' } } });
  });
});
