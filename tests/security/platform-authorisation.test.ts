import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseQrText, checkCodeOf } from '../../src/shared/case-reference.js';
import type { CaseOperation } from '../../src/shared/platform-api.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import {
  callPlatform,
  platformToken,
  sha256,
  startTestPlatform,
  testSubmitOp,
  type PlatformReply,
  type TestPlatform,
} from '../helpers/platform.js';
import {
  TEST_ADMIN_TOKEN,
  TEST_BOARD_PLATFORM,
  TEST_KIOSK_PLATFORM_SECRET,
  TEST_OTHER_HALL_COUNTER,
  TEST_PLATFORM_SECRET,
  TEST_SECOND_COUNTER,
} from '../helpers/terminal.js';

/**
 * Every platform route that takes a terminal's token, called by each kind of caller, against a running
 * reference platform: a case belongs to the hall where it was taken in; only its intake counter submits,
 * amends, moves or rates it; the hall's counters read it and hand it out; the hall's kiosks see its
 * progress, masked; a board, another hall and a caller without a token see nothing.
 */

type Who =
  'intake counter' | 'another counter of the hall' | 'a counter of another hall' | 'kiosk of the hall' | 'board of the hall' | 'no token';
const WHO: readonly Who[] = [
  'intake counter',
  'another counter of the hall',
  'a counter of another hall',
  'kiosk of the hall',
  'board of the hall',
  'no token',
];
const TERMINAL_OF: Record<Who, string> = {
  'intake counter': 'counter-t',
  'another counter of the hall': TEST_SECOND_COUNTER.id,
  'a counter of another hall': TEST_OTHER_HALL_COUNTER.id,
  'kiosk of the hall': 'kiosk-t',
  'board of the hall': TEST_BOARD_PLATFORM.id,
  'no token': 'counter-t',
};

const APPLICANT_ID = '11010519491231002X';

interface TheCase {
  caseId: string;
  receiptNumber: string;
  caseNumber: string;
}

interface Call {
  platform: TestPlatform;
  token: string | undefined;
  who: Who;
  /** A fresh case the intake counter took in and the back office finished, ready for 出件. */
  theCase: TheCase;
}

/** What a caller gets: a status, and for some a check of what the body shows. */
type Outcome = number | { status: number; check: (reply: PlatformReply, theCase: TheCase) => void };

interface Operation {
  name: string;
  call: (c: Call) => Promise<PlatformReply>;
  outcomes: Record<Who, Outcome>;
}

const operation = (c: Call, op: CaseOperation) =>
  callPlatform(c.platform.url, '/api/v1/operations', { body: op, token: c.token, headers: { 'idempotency-key': op.opId } });
const progress = (c: Call, body: object) => callPlatform(c.platform.url, '/api/v1/progress', { body, token: c.token });

const found: Outcome = {
  status: 200,
  check: (reply, theCase) => {
    expect(reply.body.cases).toEqual([
      expect.objectContaining({ caseNumber: theCase.caseNumber, applicantName: '张*', stage: 'completed' }),
    ]);
    expect(JSON.stringify(reply.body)).not.toContain(APPLICANT_ID);
  },
};
const nothingFound: Outcome = { status: 200, check: (reply) => expect(reply.body.cases).toEqual([]) };
const counterOnly: Record<Who, Outcome> = {
  'intake counter': 200,
  'another counter of the hall': 200,
  'a counter of another hall': 200,
  'kiosk of the hall': 403,
  'board of the hall': 403,
  'no token': 401,
};
const intakeOnly: Record<Who, Outcome> = {
  'intake counter': 200,
  'another counter of the hall': 403,
  'a counter of another hall': 404,
  'kiosk of the hall': 403,
  'board of the hall': 403,
  'no token': 401,
};
const adminOnly = Object.fromEntries(WHO.map((who) => [who, 403])) as Record<Who, Outcome>;
const feedShows = (shown: boolean): Outcome => ({
  status: 200,
  check: (reply, theCase) =>
    expect((reply.body.changes as { caseId: string }[]).some((change) => change.caseId === theCase.caseId)).toBe(shown),
});

const OPERATIONS: Operation[] = [
  {
    name: 'case.submit of a new case in the intake counter’s name',
    call: (c) => operation(c, testSubmitOp('counter-t')),
    outcomes: { ...intakeOnly, 'a counter of another hall': 403 },
  },
  {
    name: 'case.submit again (amend) of the intake counter’s case, in the caller’s own name',
    call: (c) => {
      const amended = testSubmitOp(TERMINAL_OF[c.who]);
      return operation(c, {
        ...amended,
        caseId: c.theCase.caseId,
        case: { ...amended.case, caseId: c.theCase.caseId, receiptNumber: c.theCase.receiptNumber },
      });
    },
    outcomes: { ...intakeOnly, 'a counter of another hall': 409 },
  },
  {
    name: 'case.move of the case',
    call: (c) => operation(c, { kind: 'case.move', opId: uuidv7(), caseId: c.theCase.caseId, stage: 'feedback', at: '20261203T100000' }),
    outcomes: intakeOnly,
  },
  {
    name: 'case.evaluate of the case',
    call: (c) =>
      operation(c, { kind: 'case.evaluate', opId: uuidv7(), caseId: c.theCase.caseId, level: 1, reasons: [], at: '20261203T100000' }),
    outcomes: intakeOnly,
  },
  {
    name: '出件 (handOver) of the case',
    call: (c) =>
      callPlatform(c.platform.url, '/api/v1/handovers', {
        body: {
          reference: c.theCase.receiptNumber,
          recipientIdNumber: APPLICANT_ID,
          clerk: { id: 'c002', name: '李敏' },
          windowLabel: '5号窗口',
          at: '20261203T100000',
        },
        token: c.token,
        headers: { 'idempotency-key': uuidv7() },
      }),
    outcomes: { ...intakeOnly, 'another counter of the hall': 200 },
  },
  {
    name: 'createUpload',
    call: (c) =>
      callPlatform(c.platform.url, '/api/v1/materials', {
        body: { sha256: sha256(c.theCase.caseId), size: 10, mediaType: 'image/png' },
        token: c.token,
      }),
    outcomes: counterOnly,
  },
  {
    name: 'appendUpload',
    call: (c) =>
      callPlatform(c.platform.url, `/api/v1/materials/${sha256(c.theCase.caseId)}`, {
        method: 'PATCH',
        raw: Buffer.from(c.theCase.caseId),
        token: c.token,
        headers: { 'upload-offset': '0', 'upload-length': String(c.theCase.caseId.length), 'upload-media-type': 'image/png' },
      }),
    outcomes: counterOnly,
  },
  {
    name: 'changes feed',
    call: (c) => {
      const [{ before }] = c.platform.query<{ before: number }>(
        'SELECT min(seq) - 1 AS before FROM changes WHERE case_id = ?',
        c.theCase.caseId,
      ) as [{ before: number }];
      return callPlatform(c.platform.url, `/api/v1/changes?after=${before}&limit=1000`, { token: c.token });
    },
    outcomes: {
      ...counterOnly,
      'intake counter': feedShows(true),
      'another counter of the hall': feedShows(true),
      'a counter of another hall': feedShows(false),
    },
  },
  {
    name: 'anchorAudit',
    call: (c) =>
      callPlatform(c.platform.url, '/api/v1/audit/anchors', {
        body: { owner: TERMINAL_OF[c.who], seq: 1, hash: sha256(c.theCase.caseId), after: null },
        token: c.token,
      }),
    outcomes: counterOnly,
  },
  {
    name: 'progress by 受理编号 and 查询码',
    call: (c) => progress(c, { reference: c.theCase.receiptNumber, checkCode: checkCodeOf(c.theCase.caseId) }),
    outcomes: {
      ...counterOnly,
      'intake counter': found,
      'another counter of the hall': found,
      'a counter of another hall': nothingFound,
      'kiosk of the hall': found,
    },
  },
  {
    name: 'progress by the receipt’s QR',
    call: (c) => progress(c, { reference: caseQrText(c.theCase.receiptNumber, checkCodeOf(c.theCase.caseId)) }),
    outcomes: {
      ...counterOnly,
      'intake counter': found,
      'another counter of the hall': found,
      'a counter of another hall': nothingFound,
      'kiosk of the hall': found,
    },
  },
  {
    name: 'progress by the ID number of a card',
    call: (c) => progress(c, { idNumber: APPLICANT_ID }),
    outcomes: {
      ...counterOnly,
      'intake counter': {
        status: 200,
        check: (reply, theCase) => expect(reply.body.cases).toContainEqual(expect.objectContaining({ caseNumber: theCase.caseNumber })),
      },
      'another counter of the hall': {
        status: 200,
        check: (reply, theCase) => expect(reply.body.cases).toContainEqual(expect.objectContaining({ caseNumber: theCase.caseNumber })),
      },
      'a counter of another hall': nothingFound,
      'kiosk of the hall': {
        status: 200,
        check: (reply, theCase) =>
          expect(reply.body.cases).toContainEqual(expect.objectContaining({ caseNumber: theCase.caseNumber, applicantName: '张*' })),
      },
    },
  },
  {
    name: 'admin advance',
    call: (c) => callPlatform(c.platform.url, '/api/v1/admin/advance', { body: { caseNumber: c.theCase.caseNumber }, token: c.token }),
    outcomes: adminOnly,
  },
  {
    name: 'admin reissueSecret',
    call: (c) => callPlatform(c.platform.url, '/api/v1/admin/terminals/secret', { body: { terminalId: 'counter-t' }, token: c.token }),
    outcomes: adminOnly,
  },
  {
    name: 'admin revokeTerminal',
    call: (c) => callPlatform(c.platform.url, '/api/v1/admin/terminals/revoke', { body: { terminalId: 'counter-t' }, token: c.token }),
    outcomes: adminOnly,
  },
  {
    name: 'admin auditAnchors',
    call: (c) => callPlatform(c.platform.url, '/api/v1/audit/anchors?terminal=counter-t', { token: c.token }),
    outcomes: adminOnly,
  },
];

// One platform for the whole matrix, each cell on a case of its own.
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-platform-authorisation-'));
let platform: TestPlatform;
const tokens = new Map<Who, string | undefined>();

beforeAll(async () => {
  platform = await startTestPlatform(dataDir);
  const secrets: Record<Exclude<Who, 'no token'>, string> = {
    'intake counter': TEST_PLATFORM_SECRET,
    'another counter of the hall': TEST_SECOND_COUNTER.secret,
    'a counter of another hall': TEST_OTHER_HALL_COUNTER.secret,
    'kiosk of the hall': TEST_KIOSK_PLATFORM_SECRET,
    'board of the hall': TEST_BOARD_PLATFORM.secret,
  };
  for (const [who, secret] of Object.entries(secrets))
    tokens.set(who as Who, await platformToken(platform.url, TERMINAL_OF[who as Who], secret));
  tokens.set('no token', undefined);
});
afterAll(async () => {
  await platform?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function finishedCase(): Promise<TheCase> {
  const intake = tokens.get('intake counter')!;
  const op = testSubmitOp('counter-t');
  const ack = await callPlatform(platform.url, '/api/v1/operations', { body: op, token: intake, headers: { 'idempotency-key': op.opId } });
  expect(ack.status).toBe(200);
  const caseNumber = ack.body.caseNumber as string;
  for (;;) {
    const step = await callPlatform(platform.url, '/api/v1/admin/advance', { body: { caseNumber }, token: TEST_ADMIN_TOKEN });
    if (step.status === 409) break;
    expect(step.status).toBe(200);
  }
  return { caseId: op.caseId, receiptNumber: op.case.receiptNumber!, caseNumber };
}

describe('platform authorisation: every operation × every caller', () => {
  const cells = OPERATIONS.flatMap((op) => WHO.map((who) => ({ op, who, outcome: op.outcomes[who] })));
  it.each(
    cells.map((cell) => [cell.op.name, cell.who, typeof cell.outcome === 'number' ? cell.outcome : cell.outcome.status, cell] as const),
  )('%s by the %s → %i', async (_name, who, status, { op, outcome }) => {
    const theCase = await finishedCase();
    const reply = await op.call({ platform, token: tokens.get(who), who, theCase });
    expect({ status: reply.status, error: reply.body.error?.code }).toMatchObject({ status });
    if (status >= 400) expect(reply.body.error).toEqual({ code: expect.any(String), message: expect.stringMatching(/^[^\s].* \/ /) });
    if (typeof outcome !== 'number') outcome.check(reply, theCase);
  });

  it('records who took a case in from the token: the terminal id in the body must be the caller’s', async () => {
    const theCase = await finishedCase();
    expect(platform.query('SELECT terminal_id FROM cases WHERE case_id = ?', theCase.caseId)).toEqual([{ terminal_id: 'counter-t' }]);
    const handedBy = tokens.get('another counter of the hall')!;
    const handed = await callPlatform(platform.url, '/api/v1/handovers', {
      body: {
        reference: theCase.receiptNumber,
        recipientIdNumber: APPLICANT_ID,
        clerk: { id: 'c002', name: '李敏' },
        windowLabel: '5号窗口',
        at: '20261203T100000',
      },
      token: handedBy,
      headers: { 'idempotency-key': uuidv7() },
    });
    expect(handed.status).toBe(200);
    // The clerk is what that terminal says; the terminal is what its token proves.
    expect(platform.query("SELECT terminal_id FROM changes WHERE case_id = ? AND stage = 'delivered'", theCase.caseId)).toEqual([
      { terminal_id: TEST_SECOND_COUNTER.id },
    ]);
    const [{ before }] = platform.query<{ before: number }>(
      'SELECT min(seq) - 1 AS before FROM changes WHERE case_id = ?',
      theCase.caseId,
    ) as [{ before: number }];
    const intake = await callPlatform(platform.url, `/api/v1/changes?after=${before}&limit=1000`, { token: tokens.get('intake counter') });
    expect(
      (intake.body.changes as { caseId: string; stage: string }[]).filter((change) => change.caseId === theCase.caseId).at(-1),
    ).toMatchObject({ stage: 'delivered' });
  });
});
