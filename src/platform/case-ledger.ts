import {
  CaseReferenceError,
  checkCodeInQr,
  checkCodeOf,
  parseCaseReference,
  describeReference,
  type CaseReference,
} from '../shared/case-reference.js';
import { CASE_STAGES, CASE_STATUS, canMove, recipientRole, type CaseStage, type CaseSubmission } from '../shared/cases.js';
import { addWorkingDays, localDate, wireDateTime, wireDateTimeText } from '../shared/local-date.js';
import { maskName } from '../shared/id-number.js';
import type {
  CaseAck,
  CaseChange,
  CaseOperationSchema,
  CaseProgress,
  DeadlineCase,
  HandedOver,
  HandOverRequest,
} from '../shared/platform-api.js';
import type { z } from 'zod';
import { ApiError } from '../shared/errors.js';
import type { Db } from '../storage/sqlite.js';
import type { Caller } from './tokens.js';

type Operation = z.output<typeof CaseOperationSchema>;

/** The back office's steps after 受理, as the seed allows: 受理 → 审核 → 决定, then 办结. */
const BACK_OFFICE_STEPS: readonly { stage: CaseStage; step: string }[] = [
  { stage: 'dispatched', step: '分件' },
  { stage: 'transferred', step: '转交' },
  { stage: 'processing', step: '审核' },
  { stage: 'processing', step: '决定' },
  { stage: 'completed', step: '办结' },
];

interface CaseRow {
  case_id: string;
  case_number: string;
  receipt_number: string | null;
  hall: string;
  terminal_id: string;
  stage: CaseStage;
  back_office_step: number;
  promised_date: string | null;
  submission: string;
}

/**
 * The platform's record of cases: each operation applied once (by its op id), 办件编号 assigned as
 * 实施编码 + date + a six-digit daily sequence, and every stage change appended to the changes feed.
 * A case belongs to the hall of the counter that took it in: only that hall's counters find it, see its
 * changes or hand it out, and only the counter that took it in (its terminal, from its token) submits,
 * moves or rates it. Callers run these inside their own transaction.
 *
 * `hallOf`: each enrolled terminal's hall, for the cases taken in before cases had one.
 */
export function createCaseLedger(db: Db, timeZone: string, now: () => Date, hallOf: ReadonlyMap<string, string>) {
  const setHallOfTerminal = db.prepare('UPDATE cases SET hall = ? WHERE hall IS NULL AND terminal_id = ?');
  db.transaction(() => {
    for (const [terminalId, hall] of hallOf) setHallOfTerminal.run(hall, terminalId);
    db.prepare('UPDATE changes SET hall = (SELECT hall FROM cases WHERE cases.case_id = changes.case_id) WHERE hall IS NULL').run();
  })();

  const findCase = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_id = ?');
  const promisedOpen = db.prepare<[string], CaseRow & { created_at: string }>(
    "SELECT * FROM cases WHERE hall = ? AND promised_date IS NOT NULL AND stage IN ('accepted', 'dispatched', 'transferred', 'processing') ORDER BY promised_date, case_number",
  );
  const findByNumber = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_number = ?');
  const inHall = {
    caseId: db.prepare<[string, string], CaseRow>('SELECT * FROM cases WHERE hall = ? AND case_id = ?'),
    caseNumber: db.prepare<[string, string], CaseRow>('SELECT * FROM cases WHERE hall = ? AND case_number = ?'),
    receiptNumber: db.prepare<[string, string], CaseRow>(
      'SELECT * FROM cases WHERE hall = ? AND receipt_number = ? ORDER BY created_at DESC',
    ),
  };
  const applied = db.prepare<[string], { case_id: string }>('SELECT case_id FROM applied_operations WHERE op_id = ?');
  const recordApplied = db.prepare('INSERT INTO applied_operations (op_id, case_id, kind, applied_at) VALUES (?, ?, ?, ?)');
  const nextSequence = db.prepare<[string], { last: number }>(
    'INSERT INTO case_number_sequences (prefix, last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last',
  );
  const insertCase = db.prepare(
    'INSERT INTO cases (case_id, case_number, receipt_number, hall, terminal_id, item_code, stage, promised_date, submission, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const completeMaterial = db.prepare<[string, string], { complete: number }>(
    'SELECT complete FROM materials WHERE terminal_id = ? AND sha256 = ?',
  );
  const linkMaterial = db.prepare('INSERT OR IGNORE INTO case_materials (case_id, sha256, material) VALUES (?, ?, ?)');
  const setStage = db.prepare('UPDATE cases SET stage = ?, back_office_step = ? WHERE case_id = ?');
  const insertChange = db.prepare<[string, string, string, string, string, string | null, string | null, string | null], { seq: number }>(
    'INSERT INTO changes (case_id, case_number, hall, stage, at, step, completion, terminal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
  );
  const insertEvaluation = db.prepare('INSERT INTO evaluations (op_id, case_id, level, reasons, at) VALUES (?, ?, ?, ?, ?)');
  const changesAfter = db.prepare<
    [string, number, number],
    { seq: number; case_id: string; case_number: string; stage: CaseStage; at: string; step: string | null; completion: string | null }
  >('SELECT * FROM changes WHERE hall = ? AND seq > ? ORDER BY seq LIMIT ?');

  const byApplicant = db.prepare<[string, string], CaseRow>(
    "SELECT * FROM cases WHERE json_extract(submission, '$.applicant.certificateNumber') = ? AND hall = ? ORDER BY created_at DESC LIMIT 20",
  );
  const changesOf = db.prepare<[string], { stage: CaseStage; at: string; step: string | null; completion: string | null }>(
    'SELECT stage, at, step, completion FROM changes WHERE case_id = ? ORDER BY seq',
  );

  const ack = (row: CaseRow): CaseAck => ({
    caseId: row.case_id,
    caseNumber: row.case_number,
    stage: row.stage,
    ...(row.promised_date ? { promisedDate: row.promised_date } : {}),
  });

  const notFound = (caseId: string) =>
    new ApiError('CASE_NOT_FOUND', `平台上没有办件 ${caseId}，请先提交办件 / case ${caseId} is not on the platform: submit it first`);

  function existing(caseId: string): CaseRow {
    const row = findCase.get(caseId);
    if (!row) throw notFound(caseId);
    return row;
  }

  /**
   * Only the counter that took a case in submits, amends, moves or rates it. Another hall's case is not
   * there at all for the caller; another counter of the hall may read it and hand it out, nothing more.
   */
  function intakeOnly(caller: Caller, row: CaseRow, submitting: boolean): void {
    if (row.hall !== caller.hall) {
      if (submitting)
        throw new ApiError('CONFLICT', `办件 ${row.case_id} 已由其他大厅提交 / case ${row.case_id} was submitted by another hall`);
      throw notFound(row.case_id);
    }
    if (row.terminal_id !== caller.terminalId) {
      throw new ApiError(
        'NOT_INTAKE_COUNTER',
        `办件 ${row.case_number} 由终端 ${row.terminal_id} 受理，只有受理窗口能提交、变更或评价它；本终端只能出件 / case ${row.case_number} was taken in at ${row.terminal_id}: only that counter may submit, move or rate it`,
      );
    }
  }

  /** `terminalId`: the terminal whose credentials made the change; none for the back office. */
  function appendChange(
    row: CaseRow,
    stage: CaseStage,
    at: string,
    terminalId: string | null,
    extra: { step?: object; completion?: object } = {},
  ): CaseChange {
    const { seq } = insertChange.get(
      row.case_id,
      row.case_number,
      row.hall,
      stage,
      at,
      extra.step ? JSON.stringify(extra.step) : null,
      extra.completion ? JSON.stringify(extra.completion) : null,
      terminalId,
    )!;
    return { seq, caseId: row.case_id, caseNumber: row.case_number, stage, at, ...(extra as Pick<CaseChange, 'step' | 'completion'>) };
  }

  function submit(caller: Caller, submission: CaseSubmission): CaseRow {
    for (const material of submission.materials) {
      for (const file of material.files) {
        if (completeMaterial.get(caller.terminalId, file.sha256)?.complete !== 1) {
          throw new ApiError(
            'MATERIAL_MISSING',
            `材料“${material.name}”的文件 ${file.sha256.slice(0, 12)}… 尚未上传完整，请先上传 / a file of material "${material.name}" has not been uploaded completely: upload it first`,
          );
        }
      }
    }
    const today = now();
    const prefix = submission.itemCode + localDate(today, timeZone).replaceAll('-', '');
    const { last } = nextSequence.get(prefix)!;
    const caseNumber = `${prefix}${String(last).padStart(6, '0')}`;
    const promisedDate =
      submission.stage === 'accepted' && submission.caseType === '2' && submission.promisedDays !== undefined
        ? addWorkingDays(localDate(today, timeZone), submission.promisedDays)
        : null;
    insertCase.run(
      submission.caseId,
      caseNumber,
      submission.receiptNumber ?? null,
      caller.hall,
      caller.terminalId,
      submission.itemCode,
      submission.stage,
      promisedDate,
      JSON.stringify(submission),
      today.toISOString(),
    );
    for (const material of submission.materials)
      for (const file of material.files) linkMaterial.run(submission.caseId, file.sha256, material.name);
    const row = existing(submission.caseId);
    appendChange(row, submission.stage, submission.appliedAt, caller.terminalId);
    return row;
  }

  function parsed(text: string): CaseReference {
    try {
      return parseCaseReference(text);
    } catch (error) {
      if (error instanceof CaseReferenceError) throw new ApiError('INVALID_INPUT', error.message);
      throw error;
    }
  }

  /** A hall's cases a receipt names: one or none (50 random bits: two of a hall's receipts share a number only after tens of millions of cases, and then both are found). */
  function lookUp(hall: string, reference: CaseReference): CaseRow[] {
    if ('receiptNumber' in reference) return inHall.receiptNumber.all(hall, reference.receiptNumber);
    const row = 'caseNumber' in reference ? inHall.caseNumber.get(hall, reference.caseNumber) : inHall.caseId.get(hall, reference.caseId);
    return row ? [row] : [];
  }

  function completionOf(caseId: string): { resultName: string; resultNumber?: string } | undefined {
    const change = changesOf.all(caseId).find((step) => step.completion);
    return change ? (JSON.parse(change.completion!) as { resultName: string; resultNumber?: string }) : undefined;
  }

  return {
    /** Applies one operation once: a repeat of an applied op id answers with the case as it is now. */
    apply(caller: Caller, op: Operation): CaseAck {
      if (op.kind === 'case.submit') {
        if (op.case.caseId !== op.caseId)
          throw new ApiError('INVALID_INPUT', 'caseId 与办件内容不一致 / caseId differs from the case it carries');
        if (op.case.terminalId !== caller.terminalId) {
          throw new ApiError(
            'FORBIDDEN',
            `办件写明的受理终端 ${op.case.terminalId} 不是本终端 ${caller.terminalId}，不能代其他终端提交 / the case names terminal ${op.case.terminalId} as its intake counter, but it comes from ${caller.terminalId}`,
          );
        }
      }
      const known = findCase.get(op.caseId);
      if (known) intakeOnly(caller, known, op.kind === 'case.submit');
      const previous = applied.get(op.opId);
      if (previous) {
        if (!known || previous.case_id !== op.caseId)
          throw new ApiError('CONFLICT', `操作 ${op.opId} 已用于另一办件 / operation ${op.opId} was applied to another case`);
        return ack(known);
      }
      let row: CaseRow;
      if (op.kind === 'case.submit') {
        row = known ?? submit(caller, op.case);
      } else if (!known) {
        throw notFound(op.caseId);
      } else if (op.kind === 'case.move') {
        if (!canMove(known.stage, op.stage, 'terminal')) {
          throw new ApiError(
            'STAGE_CONFLICT',
            `办件 ${known.case_number} 当前为“${known.stage}”，不能转为“${op.stage}” / case ${known.case_number} is at ${known.stage} and cannot move to ${op.stage}`,
          );
        }
        setStage.run(op.stage, known.back_office_step, known.case_id);
        appendChange(known, op.stage, op.at, caller.terminalId);
        row = existing(op.caseId);
      } else {
        row = known;
        insertEvaluation.run(op.opId, op.caseId, op.level, JSON.stringify(op.reasons), op.at);
      }
      recordApplied.run(op.opId, op.caseId, op.kind, now().toISOString());
      return ack(row);
    },

    /**
     * 出件 at a counter of the case's hall, to its applicant or agent only; the recipient's number is
     * compared with the record and not kept. The change reaches the counter that took the case in.
     */
    handOver(caller: Caller, request: HandOverRequest): HandedOver {
      const reference = parsed(request.reference);
      const row = lookUp(caller.hall, reference)[0];
      if (!row) {
        throw new ApiError(
          'CASE_NOT_FOUND',
          `本大厅没有${describeReference(reference)}的办件，请核对回执上的编号；刚受理的办件请稍后再试 / no case of this hall has that number: check the receipt`,
        );
      }
      const submission = JSON.parse(row.submission) as CaseSubmission;
      if (row.stage === 'delivered' || row.stage === 'archived') {
        const delivered = changesOf.all(row.case_id).find((change) => change.stage === 'delivered');
        throw new ApiError(
          'ALREADY_DELIVERED',
          `该办件的结果${delivered ? `已于 ${wireDateTimeText(delivered.at)} ` : '已'}领取，不能再次出件 / the result of this case has been handed out already`,
        );
      }
      if (row.stage === 'rejected')
        throw new ApiError('STAGE_CONFLICT', '该办件不予受理，没有结果可领取 / this case was refused: there is no result to hand out');
      if (!canMove(row.stage, 'delivered', 'terminal')) {
        throw new ApiError(
          'STAGE_CONFLICT',
          `办件当前${CASE_STATUS[row.stage]}，尚未办结，还没有结果可领取 / the case is at ${CASE_STAGES[row.stage]}: there is no result to hand out yet`,
        );
      }
      const as = recipientRole(submission, request.recipientIdNumber);
      if (!as) {
        throw new ApiError(
          'RECIPIENT_MISMATCH',
          '领取人的证件与申请人、代办人均不符，不能领取；请申请人本人或其代办人持身份证领取 / the card read is neither the applicant’s nor the agent’s',
        );
      }
      const completion = completionOf(row.case_id);
      const recipient = as === 'applicant' ? submission.applicant : submission.agent!;
      setStage.run('delivered', row.back_office_step, row.case_id);
      appendChange(row, 'delivered', request.at, caller.terminalId, {
        step: {
          step: '出件',
          action: 'pass',
          handler: request.clerk.name,
          at: request.at,
          opinion: `${request.windowLabel}，领取人 ${maskName(recipient.name)}（${as === 'applicant' ? '申请人' : '代办人'}）`,
        },
      });
      return {
        caseId: row.case_id,
        caseNumber: row.case_number,
        receiptNumber: row.receipt_number,
        itemName: submission.itemName,
        resultName: completion?.resultName ?? `${submission.itemName}办理结果`,
        ...(completion?.resultNumber ? { resultNumber: completion.resultNumber } : {}),
        as,
      };
    },

    /** The back office moves a case one step on: 分件, 转交, 审核, 决定, 办结. */
    advance(caseNumber: string, handler: string, opinion?: string): CaseChange {
      const row = findByNumber.get(caseNumber);
      if (!row) throw new ApiError('CASE_NOT_FOUND', `没有办件编号 ${caseNumber} / no case numbered ${caseNumber}`);
      const next = BACK_OFFICE_STEPS[row.back_office_step];
      if (!next || !canMove(row.stage, next.stage, 'platform')) {
        throw new ApiError(
          'STAGE_CONFLICT',
          `办件 ${caseNumber} 当前为“${row.stage}”，后台没有下一步 / case ${caseNumber} is at ${row.stage}: the back office has no next step`,
        );
      }
      const at = wireDateTime(now(), timeZone);
      setStage.run(next.stage, row.back_office_step + 1, row.case_id);
      if (next.stage === 'completed') {
        const submission = JSON.parse(row.submission) as CaseSubmission;
        return appendChange(row, next.stage, at, null, {
          completion: { handler, at, resultName: `${submission.itemName}办理结果`, resultNumber: `${caseNumber}-R`, byCourier: false },
        });
      }
      return appendChange(row, next.stage, at, null, {
        step: { step: next.step, action: 'pass', handler, at, ...(opinion ? { opinion } : {}) },
      });
    },

    /** Case numbers of cases the back office can move on, for the demo's timer. */
    open(): string[] {
      return db
        .prepare<[number], { case_number: string }>(
          `SELECT case_number FROM cases WHERE back_office_step < ? AND stage NOT IN ('rejected', 'archived')`,
        )
        .all(BACK_OFFICE_STEPS.length)
        .map((row) => row.case_number);
    },

    /**
     * The case a receipt names, or an applicant's latest cases, in the caller's hall, as a kiosk may show
     * them. A kiosk naming a case by a number needs its 查询码, and a wrong code finds nothing, as a wrong
     * number does: numbers cannot be tried. The hall's counters may read its cases, code or not.
     */
    progress(caller: Caller, query: { reference: string; checkCode?: string } | { idNumber: string }): CaseProgress[] {
      let rows: CaseRow[];
      if ('idNumber' in query) rows = byApplicant.all(query.idNumber.toUpperCase(), caller.hall);
      else {
        const reference = parsed(query.reference);
        const checkCode = query.checkCode ?? checkCodeInQr(query.reference);
        if (caller.role === 'kiosk' && !('caseId' in reference) && checkCode === undefined) {
          throw new ApiError(
            'CHECK_CODE_REQUIRED',
            '请输入回执上的 6 位查询码，或扫描回执上的二维码 / type the 6-digit check code printed on the receipt, or scan its QR code',
          );
        }
        rows = lookUp(caller.hall, reference).filter(
          (row) => caller.role !== 'kiosk' || 'caseId' in reference || checkCodeOf(row.case_id) === checkCode,
        );
      }
      return rows.map((row) => {
        const submission = JSON.parse(row.submission) as CaseSubmission;
        const steps = changesOf.all(row.case_id);
        const completion = completionOf(row.case_id);
        return {
          caseNumber: row.case_number,
          receiptNumber: row.receipt_number,
          itemName: submission.itemName,
          applicantName: maskName(submission.applicant.name),
          stage: row.stage,
          promisedDate: row.promised_date,
          steps: steps.map((step) => ({
            stage: step.stage,
            at: step.at,
            ...(step.step ? { step: (JSON.parse(step.step) as { step: string }).step } : {}),
          })),
          ...(completion ? { resultName: completion.resultName } : {}),
        };
      });
    },

    /** One hall's 承诺件 still being worked on, soonest due first. */
    openDeadlines(hall: string): DeadlineCase[] {
      return promisedOpen.all(hall).map((row) => ({
        caseNumber: row.case_number,
        receiptNumber: row.receipt_number,
        itemName: (JSON.parse(row.submission) as CaseSubmission).itemName,
        stage: row.stage,
        promisedDate: row.promised_date!,
        terminalId: row.terminal_id,
        acceptedAt: row.created_at,
      }));
    },

    /** The changes to one hall's cases after a cursor. */
    changes(hall: string, after: number, limit: number): { changes: CaseChange[]; cursor: number; more: boolean } {
      const rows = changesAfter.all(hall, after, limit + 1);
      const page = rows.slice(0, limit).map((row) => ({
        seq: row.seq,
        caseId: row.case_id,
        caseNumber: row.case_number,
        stage: row.stage,
        at: row.at,
        ...(row.step ? { step: JSON.parse(row.step) } : {}),
        ...(row.completion ? { completion: JSON.parse(row.completion) } : {}),
      }));
      return { changes: page, cursor: page.at(-1)?.seq ?? after, more: rows.length > limit };
    },
  };
}
