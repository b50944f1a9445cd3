import { afterEach, describe, expect, it } from 'vitest';
import { caseQrText, checkCodeOf, formatReceiptNumber, receiptNumberOf } from '../../src/shared/case-reference.js';
import { CaseSubmissionSchema } from '../../src/shared/cases.js';
import type { CaseOperation } from '../../src/shared/platform-api.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import { startTestPlatform, testDraft, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import {
  TEST_ADMIN_TOKEN,
  TEST_KIOSK_PLATFORM_SECRET,
  TEST_OTHER_HALL_COUNTER,
  TEST_PLATFORM_SECRET,
  TEST_SECOND_COUNTER,
} from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-platform-');
let platform: TestPlatform;
afterEach(async () => platform?.close());

const APPLICANT_ID = '11010519491231002X';
const AGENT_ID = '430602198511220040';

async function call(path: string, init: { body?: unknown; token?: string; key?: string } = {}) {
  const response = await fetch(platform.url + path, {
    method: init.body ? 'POST' : 'GET',
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.key ? { 'idempotency-key': init.key } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

const tokenOf = async (terminalId: string, secret: string) =>
  (await call('/api/v1/token', { body: { terminalId, secret } })).body.token as string;

/** A case taken in at counter-t, with an agent, carrying its receipt number. */
async function submitted(counter: string) {
  const caseId = uuidv7();
  const receiptNumber = receiptNumberOf(caseId);
  const submission = CaseSubmissionSchema.parse({
    ...testDraft({ agent: { name: '李代办', certificateType: '111', certificateNumber: AGENT_ID } }),
    flags: { joint: false, reported: false, online: false },
    caseId,
    receiptNumber,
    terminalId: 'counter-t',
    clerkId: 'c001',
    appliedAt: '20261201T093000',
    stage: 'accepted',
  });
  const op: CaseOperation = { kind: 'case.submit', opId: uuidv7(), caseId, case: submission };
  const ack = await call('/api/v1/operations', { body: op, token: counter, key: op.opId });
  expect(ack.status).toBe(200);
  return { caseId, receiptNumber, caseNumber: ack.body.caseNumber as string };
}

async function complete(caseNumber: string) {
  for (;;) {
    const step = await call('/api/v1/admin/advance', { body: { caseNumber }, token: TEST_ADMIN_TOKEN });
    if (step.status === 409) return;
    expect(step.status).toBe(200);
  }
}

const handOver = (token: string, reference: string, recipientIdNumber: string, key = uuidv7()) =>
  call('/api/v1/handovers', {
    body: { reference, recipientIdNumber, clerk: { id: 'c002', name: '李敏' }, windowLabel: '5号窗口 综合出件', at: '20261203T100000' },
    token,
    key,
  });

describe('a case belongs to its hall: 出件 at any of its counters, progress at its kiosks', () => {
  it('hands a finished case to its applicant or agent at another counter of the hall, once, and the intake counter sees it in its changes', async () => {
    platform = await startTestPlatform(tempDir());
    const intake = await tokenOf('counter-t', TEST_PLATFORM_SECRET);
    const pickup = await tokenOf(TEST_SECOND_COUNTER.id, TEST_SECOND_COUNTER.secret);
    const { caseId, receiptNumber, caseNumber } = await submitted(intake);

    const early = await handOver(pickup, receiptNumber, APPLICANT_ID);
    expect(early).toMatchObject({
      status: 409,
      body: { error: { code: 'STAGE_CONFLICT', message: expect.stringMatching(/^办件当前已受理，尚未办结/) } },
    });
    await complete(caseNumber);

    const stranger = await handOver(pickup, receiptNumber, '440303199003071234');
    expect(stranger).toMatchObject({
      status: 422,
      body: { error: { code: 'RECIPIENT_MISMATCH', message: expect.stringMatching(/^领取人的证件与申请人、代办人均不符/) } },
    });
    const wrongNumber = await handOver(pickup, receiptNumberOf(uuidv7()), AGENT_ID);
    expect(wrongNumber).toMatchObject({
      status: 404,
      body: { error: { message: expect.stringMatching(/^本大厅没有受理编号 .* 的办件，请核对回执上的编号/) } },
    });
    const typo = await handOver(pickup, `${receiptNumber.slice(0, 10)}${receiptNumber[10] === '0' ? '1' : '0'}`, AGENT_ID);
    expect(typo).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/有误，请逐个核对回执上的 11 位字母和数字/) } },
    });

    const key = uuidv7();
    const handed = await handOver(pickup, `onewindow:case:${receiptNumber}`, AGENT_ID.toLowerCase(), key);
    expect(handed).toMatchObject({
      status: 200,
      body: {
        caseId,
        caseNumber,
        receiptNumber,
        as: 'agent',
        resultName: '不动产登记（转移登记）办理结果',
        resultNumber: `${caseNumber}-R`,
      },
    });
    expect(await handOver(pickup, `onewindow:case:${receiptNumber}`, AGENT_ID.toLowerCase(), key)).toEqual(handed);
    const again = await handOver(pickup, formatReceiptNumber(receiptNumber).toLowerCase(), APPLICANT_ID);
    expect(again).toMatchObject({
      status: 409,
      body: { error: { code: 'ALREADY_DELIVERED', message: expect.stringMatching(/^该办件的结果已于 2026-12-03 10:00 领取/) } },
    });
    // The recipient's number is compared, not kept: not in the idempotency record, not anywhere but the case it came with.
    expect(JSON.stringify(platform.query('SELECT * FROM idempotency'))).not.toContain(AGENT_ID);

    const changes = (await call('/api/v1/changes', { token: intake })).body.changes as {
      caseId: string;
      stage: string;
      step?: { step: string; handler: string; opinion: string };
    }[];
    expect(changes.at(-1)).toMatchObject({
      caseId,
      stage: 'delivered',
      step: { step: '出件', handler: '李敏', opinion: '5号窗口 综合出件，领取人 李*办（代办人）' },
    });
  });

  it('shows another hall nothing, and lets a kiosk only look up progress, masked', async () => {
    platform = await startTestPlatform(tempDir());
    const intake = await tokenOf('counter-t', TEST_PLATFORM_SECRET);
    const kiosk = await tokenOf('kiosk-t', TEST_KIOSK_PLATFORM_SECRET);
    const elsewhere = await tokenOf(TEST_OTHER_HALL_COUNTER.id, TEST_OTHER_HALL_COUNTER.secret);
    const { caseId, receiptNumber, caseNumber } = await submitted(intake);
    await complete(caseNumber);

    const checkCode = checkCodeOf(caseId);
    const asRead = [
      { reference: receiptNumber, checkCode },
      { reference: caseNumber, checkCode },
      { reference: caseId },
      { reference: caseQrText(receiptNumber, checkCode) },
      { reference: formatReceiptNumber(receiptNumber).toLowerCase(), checkCode },
    ];
    for (const { reference, ...code } of asRead) {
      const { body } = await call('/api/v1/progress', { body: { reference, ...code }, token: kiosk });
      expect(body.cases).toEqual([expect.objectContaining({ caseNumber, receiptNumber, applicantName: '张*', stage: 'completed' })]);
      expect((await call('/api/v1/progress', { body: { reference, ...code }, token: elsewhere })).body.cases).toEqual([]);
    }
    expect((await call('/api/v1/progress', { body: { idNumber: APPLICANT_ID }, token: kiosk })).body.cases).toHaveLength(1);
    expect((await call('/api/v1/progress', { body: { idNumber: APPLICANT_ID }, token: elsewhere })).body.cases).toEqual([]);

    expect(await handOver(elsewhere, receiptNumber, APPLICANT_ID)).toMatchObject({ status: 404 });
    expect((await call('/api/v1/changes', { token: elsewhere })).body.changes).toEqual([]);
    const move: CaseOperation = { kind: 'case.move', opId: uuidv7(), caseId, stage: 'delivered', at: '20261203T100000' };
    expect((await call('/api/v1/operations', { body: move, token: elsewhere, key: move.opId })).status).toBe(404);

    expect(await handOver(kiosk, receiptNumber, APPLICANT_ID)).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/是自助机，只能查询办件进度/) } },
    });
    expect((await call('/api/v1/changes', { token: kiosk })).status).toBe(403);
    expect((await call('/api/v1/operations', { body: move, token: kiosk, key: move.opId })).status).toBe(403);
  });
});
