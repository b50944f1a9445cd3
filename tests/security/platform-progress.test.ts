import { afterEach, describe, expect, it } from 'vitest';
import { checkCodeOf, receiptNumberOf } from '../../src/shared/case-reference.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import { useTestHosts, pageOf } from '../helpers/host.js';
import { callPlatform, platformToken, startTestPlatform, testSubmitOp, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_BOARD_PLATFORM, TEST_KIOSK_PLATFORM_SECRET, TEST_PLATFORM_SECRET } from '../helpers/terminal.js';

/**
 * 进度查询 is the one case route a kiosk on the hall floor has: it must not let a script walk the 办件编号
 * (which counts up) or the 受理编号 to read the hall's cases, nor look anyone up by a typed ID number.
 */

const tempDir = useTempDir('onewindow-platform-progress-');
let platform: TestPlatform;
afterEach(async () => platform?.close());
const hallAndHost = useTestHosts();

async function takenIn(counter: string) {
  const op = testSubmitOp('counter-t');
  const ack = await callPlatform(platform.url, '/api/v1/operations', { body: op, token: counter, headers: { 'idempotency-key': op.opId } });
  return { caseId: op.caseId, receiptNumber: op.case.receiptNumber!, caseNumber: ack.body.caseNumber as string };
}

describe('progress lookups', () => {
  it('a kiosk walking the 办件编号 or 受理编号 finds nothing without each receipt’s 查询码, and a wrong code looks like no case', async () => {
    platform = await startTestPlatform(tempDir());
    const counter = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const kiosk = await platformToken(platform.url, 'kiosk-t', TEST_KIOSK_PLATFORM_SECRET);
    const cases = [await takenIn(counter), await takenIn(counter)];
    const [first, second] = cases as [(typeof cases)[0], (typeof cases)[0]];
    // The next number is the last one plus one: exactly what a script would try.
    const next = first.caseNumber.slice(0, -6) + String(Number(first.caseNumber.slice(-6)) + 1).padStart(6, '0');
    expect(next).toBe(second.caseNumber);

    for (const reference of [next, second.receiptNumber]) {
      const bare = await callPlatform(platform.url, '/api/v1/progress', { body: { reference }, token: kiosk });
      expect(bare).toMatchObject({
        status: 400,
        body: { error: { code: 'CHECK_CODE_REQUIRED', message: expect.stringMatching(/^请输入回执上的 6 位查询码/) } },
      });
      const guessed = await callPlatform(platform.url, '/api/v1/progress', {
        body: { reference, checkCode: checkCodeOf(first.caseId) },
        token: kiosk,
      });
      expect(guessed).toMatchObject({ status: 200, body: { cases: [] } });
      const noSuch = await callPlatform(platform.url, '/api/v1/progress', {
        body: { reference: receiptNumberOf(uuidv7()), checkCode: '000000' },
        token: kiosk,
      });
      expect(noSuch.body).toEqual(guessed.body);
      const read = await callPlatform(platform.url, '/api/v1/progress', {
        body: { reference, checkCode: checkCodeOf(second.caseId) },
        token: kiosk,
      });
      expect(read.body.cases).toEqual([expect.objectContaining({ caseNumber: second.caseNumber, applicantName: '张*' })]);
    }
  });

  it('limits lookups per terminal: a kiosk trying codes is stopped with 429 and Retry-After, the hall’s other terminals are not', async () => {
    platform = await startTestPlatform(tempDir(), { config: { progressPerMinute: 5 } });
    const counter = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const kiosk = await platformToken(platform.url, 'kiosk-t', TEST_KIOSK_PLATFORM_SECRET);
    const { receiptNumber } = await takenIn(counter);
    const attempt = (token: string, code: number) =>
      callPlatform(platform.url, '/api/v1/progress', {
        body: { reference: receiptNumber, checkCode: String(code).padStart(6, '0') },
        token,
      });
    for (let code = 0; code < 5; code++) expect((await attempt(kiosk, code)).status).toBe(200);
    const stopped = await attempt(kiosk, 5);
    expect(stopped).toMatchObject({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^查询过于频繁，请 \d+ 秒后再试/) } },
    });
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    // A fresh token is the same terminal: no new allowance.
    const again = await platformToken(platform.url, 'kiosk-t', TEST_KIOSK_PLATFORM_SECRET);
    expect((await attempt(again, 6)).status).toBe(429);
    expect((await attempt(counter, 7)).status).toBe(200);
  });

  it('looks an applicant up by ID number only for the hall’s kiosks and counters, and a kiosk’s page cannot send a number', async () => {
    platform = await startTestPlatform(tempDir());
    const counter = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
    const board = await platformToken(platform.url, TEST_BOARD_PLATFORM.id, TEST_BOARD_PLATFORM.secret);
    await takenIn(counter);
    const byBoard = await callPlatform(platform.url, '/api/v1/progress', { body: { idNumber: '11010519491231002X' }, token: board });
    expect(byBoard).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    const { host } = await hallAndHost('kiosk');
    await expect(pageOf(host, 'kiosk').invoke('kiosk.progress', { idNumber: '11010519491231002X' } as never)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
