import { canMove, type CaseStage, type CaseSubmission } from '../shared/cases.js';
import { addWorkingDays, localDate, wireDateTime } from '../shared/local-date.js';
import { maskName } from '../shared/id-number.js';
import type { CaseAck, CaseChange, CaseOperationSchema, CaseProgress } from '../shared/platform-api.js';
import type { z } from 'zod';
import { ApiError } from '../http-server/api-error.js';
import type { Db } from '../storage/sqlite.js';

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
  stage: CaseStage;
  back_office_step: number;
  promised_date: string | null;
  submission: string;
}

/**
 * The platform's record of cases: each operation applied once (by its op id), 办件编号 assigned as
 * 实施编码 + date + a six-digit daily sequence, and every stage change appended to the changes feed.
 * Callers run these inside their own transaction.
 */
export function createCaseLedger(db: Db, timeZone: string, now: () => Date) {
  const findCase = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_id = ?');
  const findByNumber = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE case_number = ?');
  const applied = db.prepare<[string], { case_id: string }>('SELECT case_id FROM applied_operations WHERE op_id = ?');
  const recordApplied = db.prepare('INSERT INTO applied_operations (op_id, case_id, kind, applied_at) VALUES (?, ?, ?, ?)');
  const nextSequence = db.prepare<[string], { last: number }>(
    'INSERT INTO case_number_sequences (prefix, last) VALUES (?, 1) ON CONFLICT (prefix) DO UPDATE SET last = last + 1 RETURNING last',
  );
  const insertCase = db.prepare(
    'INSERT INTO cases (case_id, case_number, terminal_id, item_code, stage, promised_date, submission, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const completeMaterial = db.prepare<[string], { complete: number }>('SELECT complete FROM materials WHERE sha256 = ?');
  const linkMaterial = db.prepare('INSERT OR IGNORE INTO case_materials (case_id, sha256, material) VALUES (?, ?, ?)');
  const setStage = db.prepare('UPDATE cases SET stage = ?, back_office_step = ? WHERE case_id = ?');
  const insertChange = db.prepare<[string, string, string, string, string | null, string | null], { seq: number }>(
    'INSERT INTO changes (case_id, case_number, stage, at, step, completion) VALUES (?, ?, ?, ?, ?, ?) RETURNING seq',
  );
  const insertEvaluation = db.prepare('INSERT INTO evaluations (op_id, case_id, level, reasons, at) VALUES (?, ?, ?, ?, ?)');
  const changesAfter = db.prepare<[number, number], { seq: number; case_id: string; case_number: string; stage: CaseStage; at: string; step: string | null; completion: string | null }>(
    'SELECT * FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
  );

  const byApplicant = db.prepare<[string], CaseRow>(
    "SELECT * FROM cases WHERE json_extract(submission, '$.applicant.certificateNumber') = ? ORDER BY created_at DESC LIMIT 20",
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

  function existing(caseId: string): CaseRow {
    const row = findCase.get(caseId);
    if (!row) throw new ApiError('CASE_NOT_FOUND', 404, `平台上没有办件 ${caseId}，请先提交办件 / case ${caseId} is not on the platform: submit it first`);
    return row;
  }

  function appendChange(row: CaseRow, stage: CaseStage, at: string, extra: { step?: object; completion?: object } = {}): CaseChange {
    const { seq } = insertChange.get(row.case_id, row.case_number, stage, at, extra.step ? JSON.stringify(extra.step) : null, extra.completion ? JSON.stringify(extra.completion) : null)!;
    return { seq, caseId: row.case_id, caseNumber: row.case_number, stage, at, ...(extra as Pick<CaseChange, 'step' | 'completion'>) };
  }

  function submit(terminalId: string, submission: CaseSubmission): CaseRow {
    for (const material of submission.materials) {
      for (const file of material.files) {
        if (completeMaterial.get(file.sha256)?.complete !== 1) {
          throw new ApiError('MATERIAL_MISSING', 409, `材料“${material.name}”的文件 ${file.sha256.slice(0, 12)}… 尚未上传完整，请先上传 / a file of material "${material.name}" has not been uploaded completely: upload it first`);
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
    insertCase.run(submission.caseId, caseNumber, terminalId, submission.itemCode, submission.stage, promisedDate, JSON.stringify(submission), today.toISOString());
    for (const material of submission.materials) for (const file of material.files) linkMaterial.run(submission.caseId, file.sha256, material.name);
    const row = existing(submission.caseId);
    appendChange(row, submission.stage, submission.appliedAt);
    return row;
  }

  return {
    /** Applies one operation once: a repeat of an applied op id answers with the case as it is now. */
    apply(terminalId: string, op: Operation): CaseAck {
      if (applied.get(op.opId)) return ack(existing(op.caseId));
      let row: CaseRow;
      if (op.kind === 'case.submit') {
        if (op.case.caseId !== op.caseId) throw new ApiError('INVALID_INPUT', 400, 'caseId 与办件内容不一致 / caseId differs from the case it carries');
        row = findCase.get(op.caseId) ?? submit(terminalId, op.case);
      } else if (op.kind === 'case.move') {
        row = existing(op.caseId);
        if (!canMove(row.stage, op.stage, 'terminal')) {
          throw new ApiError('STAGE_CONFLICT', 409, `办件 ${row.case_number} 当前为“${row.stage}”，不能转为“${op.stage}” / case ${row.case_number} is at ${row.stage} and cannot move to ${op.stage}`);
        }
        setStage.run(op.stage, row.back_office_step, row.case_id);
        appendChange(row, op.stage, op.at);
        row = existing(op.caseId);
      } else {
        row = existing(op.caseId);
        insertEvaluation.run(op.opId, op.caseId, op.level, JSON.stringify(op.reasons), op.at);
      }
      recordApplied.run(op.opId, op.caseId, op.kind, now().toISOString());
      return ack(row);
    },

    /** The back office moves a case one step on: 分件, 转交, 审核, 决定, 办结. */
    advance(caseNumber: string, handler: string, opinion?: string): CaseChange {
      const row = findByNumber.get(caseNumber);
      if (!row) throw new ApiError('CASE_NOT_FOUND', 404, `没有办件编号 ${caseNumber} / no case numbered ${caseNumber}`);
      const next = BACK_OFFICE_STEPS[row.back_office_step];
      if (!next || !canMove(row.stage, next.stage, 'platform')) {
        throw new ApiError('STAGE_CONFLICT', 409, `办件 ${caseNumber} 当前为“${row.stage}”，后台没有下一步 / case ${caseNumber} is at ${row.stage}: the back office has no next step`);
      }
      const at = wireDateTime(now(), timeZone);
      setStage.run(next.stage, row.back_office_step + 1, row.case_id);
      if (next.stage === 'completed') {
        const submission = JSON.parse(row.submission) as CaseSubmission;
        return appendChange(row, next.stage, at, {
          completion: { handler, at, resultName: `${submission.itemName}办理结果`, resultNumber: `${caseNumber}-R`, byCourier: false },
        });
      }
      return appendChange(row, next.stage, at, { step: { step: next.step, action: 'pass', handler, at, ...(opinion ? { opinion } : {}) } });
    },

    /** Case numbers of cases the back office can move on, for the demo's timer. */
    open(): string[] {
      return db
        .prepare<[number], { case_number: string }>(`SELECT case_number FROM cases WHERE back_office_step < ? AND stage NOT IN ('rejected', 'archived')`)
        .all(BACK_OFFICE_STEPS.length)
        .map((row) => row.case_number);
    },

    /** A case by its number, or an applicant's latest cases, as a kiosk may show them. */
    progress(query: { caseNumber: string } | { idNumber: string }): CaseProgress[] {
      const rows =
        'caseNumber' in query
          ? [findByNumber.get(query.caseNumber) ?? findCase.get(query.caseNumber)].filter((row) => row !== undefined)
          : byApplicant.all(query.idNumber.toUpperCase());
      return rows.map((row) => {
        const submission = JSON.parse(row.submission) as CaseSubmission;
        const steps = changesOf.all(row.case_id);
        const completion = steps.map((step) => (step.completion ? (JSON.parse(step.completion) as { resultName: string }) : null)).find(Boolean);
        return {
          caseNumber: row.case_number,
          itemName: submission.itemName,
          applicantName: maskName(submission.applicant.name),
          stage: row.stage,
          promisedDate: row.promised_date,
          steps: steps.map((step) => ({ stage: step.stage, at: step.at, ...(step.step ? { step: (JSON.parse(step.step) as { step: string }).step } : {}) })),
          ...(completion ? { resultName: completion.resultName } : {}),
        };
      });
    },

    changes(after: number, limit: number): { changes: CaseChange[]; cursor: number; more: boolean } {
      const rows = changesAfter.all(after, limit + 1);
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
