import {
  CASE_STAGES,
  CLOSED_STAGES,
  CaseDraftSchema,
  canMove,
  isOnlineCase,
  recipientRole,
  type CaseDraft,
  type CaseStage,
  type CaseSubmission,
  type CaseSummary,
  type MaterialFile,
} from '../../shared/cases.js';
import { receiptNumberOf, describeReference, type CaseReference } from '../../shared/case-reference.js';
import { maskIdNumber, maskName } from '../../shared/id-number.js';
import { describeIssues } from '../../shared/issues.js';
import { wireDateTime } from '../../shared/local-date.js';
import type { CaseAck, CaseChange } from '../../shared/platform-api.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { Db } from '../../storage/sqlite.js';
import type { MaterialStore } from './material-store.js';
import { createOutbox } from './outbox.js';
import { createAuditLog } from '../audit/audit-log.js';

interface CaseRow {
  case_id: string;
  case_number: string | null;
  receipt_number: string | null;
  item_code: string;
  item_name: string;
  stage: CaseStage;
  clerk_id: string;
  record: string | null;
  promised_date: string | null;
  progress: string;
  created_at: string;
  purged_at: string | null;
  pending_ops: number;
  dead_error: string | null;
}

interface ProgressEntry {
  seq?: number;
  stage: CaseStage;
  at: string;
  step?: string;
  handler?: string;
}

export interface CaseStoreOptions {
  db: Db;
  materials: MaterialStore;
  terminalId: string;
  timeZone: string;
  now?: () => Date;
}

const STAGE_ORDER = Object.keys(CASE_STAGES) as CaseStage[];

/**
 * The counter's cases: every change to a case is one transaction that also queues the operation the
 * platform must receive and an audit entry. Materials are on disk (fsynced) before the row that names
 * them. Personal data leaves this module masked.
 */
export function createCaseStore(options: CaseStoreOptions) {
  const { db, materials, terminalId, timeZone } = options;
  const now = options.now ?? (() => new Date());
  const outbox = createOutbox(db, () => now().getTime());

  const selectCase = `SELECT c.*,
      (SELECT count(*) FROM outbox o WHERE o.case_id = c.case_id) AS pending_ops,
      (SELECT o.last_error FROM outbox o WHERE o.case_id = c.case_id AND o.state = 'dead' ORDER BY o.seq LIMIT 1) AS dead_error
    FROM cases c`;
  const findCase = db.prepare<[string], CaseRow>(`${selectCase} WHERE c.case_id = ?`);
  const byReceipt = db.prepare<[string], CaseRow>(`${selectCase} WHERE c.receipt_number = ?`);
  const byNumber = db.prepare<[string], CaseRow>(`${selectCase} WHERE c.case_number = ?`);
  const ofTicket = db.prepare<[string], { case_id: string }>(
    "SELECT case_id FROM cases WHERE record IS NOT NULL AND json_extract(record, '$.ticketId') = ?",
  );
  const listCases = db.prepare<[number], CaseRow>(`${selectCase} ORDER BY c.created_at DESC, c.case_id DESC LIMIT ?`);
  const insertMaterial = db.prepare(
    'INSERT INTO materials (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET created_at = excluded.created_at',
  );
  const materialExists = db.prepare<[string], { sha256: string }>('SELECT sha256 FROM materials WHERE sha256 = ?');
  const insertCase = db.prepare(
    'INSERT INTO cases (case_id, receipt_number, item_code, item_name, stage, clerk_id, record, progress, created_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const unnumbered = db.prepare<[], { case_id: string }>("SELECT case_id FROM cases WHERE receipt_number IS NULL AND stage != 'rejected'");
  const setReceiptNumber = db.prepare('UPDATE cases SET receipt_number = ? WHERE case_id = ?');
  db.transaction(() => {
    for (const { case_id } of unnumbered.all()) setReceiptNumber.run(receiptNumberOf(case_id), case_id);
  }).immediate();
  const linkFile = db.prepare('INSERT OR IGNORE INTO case_files (case_id, sha256) VALUES (?, ?)');
  const updateStage = db.prepare('UPDATE cases SET stage = ?, progress = ?, closed_at = ? WHERE case_id = ?');
  const acknowledge = db.prepare(
    'UPDATE cases SET case_number = coalesce(case_number, ?), promised_date = coalesce(promised_date, ?) WHERE case_id = ?',
  );
  const setUploaded = db.prepare('UPDATE materials SET uploaded = 1 WHERE sha256 = ?');
  const isUploaded = db.prepare<[string], { uploaded: number }>('SELECT uploaded FROM materials WHERE sha256 = ?');

  const auditLog = createAuditLog(db, now);
  function audit(actor: string, action: string, caseId: string | null, detail: object = {}): void {
    auditLog.append(actor, action, caseId, detail);
  }

  function summary(row: CaseRow): CaseSummary {
    const record = row.record ? (JSON.parse(row.record) as CaseSubmission) : null;
    return {
      caseId: row.case_id,
      caseNumber: row.case_number,
      receiptNumber: row.receipt_number,
      itemCode: row.item_code,
      itemName: row.item_name,
      stage: row.stage,
      applicant: record
        ? { name: maskName(record.applicant.name), certificateNumber: maskIdNumber(record.applicant.certificateNumber) }
        : null,
      clerkId: row.clerk_id,
      createdAt: row.created_at,
      sync: row.dead_error !== null ? 'dead-letter' : row.pending_ops > 0 ? 'pending' : 'synced',
      syncError: row.dead_error,
      promisedDate: row.promised_date,
      progress: (JSON.parse(row.progress) as ProgressEntry[]).map(({ stage, at, step, handler }) => ({
        stage,
        at,
        ...(step ? { step } : {}),
        ...(handler ? { handler } : {}),
      })),
      purged: row.purged_at !== null,
    };
  }

  function existing(caseId: string): CaseRow {
    const row = findCase.get(caseId);
    if (!row) throw new RpcError('NOT_FOUND', `本机没有这个办件 / no case ${caseId} on this terminal`);
    return row;
  }

  function find(reference: CaseReference): CaseRow | undefined {
    if ('receiptNumber' in reference) return byReceipt.get(reference.receiptNumber);
    if ('caseNumber' in reference) return byNumber.get(reference.caseNumber);
    return findCase.get(reference.caseId);
  }

  function moveTo(row: CaseRow, stage: CaseStage, entry: ProgressEntry): void {
    const progress = [...(JSON.parse(row.progress) as ProgressEntry[]), entry];
    updateStage.run(stage, JSON.stringify(progress), CLOSED_STAGES.includes(stage) ? now().toISOString() : null, row.case_id);
  }

  function moveCase(caseId: string, stage: 'feedback' | 'delivered' | 'archived', clerkId: string, note?: string): CaseSummary {
    db.transaction(() => {
      const row = existing(caseId);
      if (row.purged_at || !canMove(row.stage, stage, 'terminal')) {
        throw new RpcError(
          'REFUSED',
          `办件当前为“${CASE_STAGES[row.stage]}”，不能转为“${CASE_STAGES[stage]}” / the case is at ${row.stage} and cannot move to ${stage}`,
        );
      }
      const at = wireDateTime(now(), timeZone);
      moveTo(row, stage, { stage, at, handler: clerkId });
      outbox.enqueue({ kind: 'case.move', opId: uuidv7(now().getTime()), caseId, stage, at, ...(note ? { note } : {}) });
      audit(clerkId, `case.${stage}`, caseId);
    }).immediate();
    return summary(existing(caseId));
  }

  return {
    outbox,
    audit,
    auditLog,

    /** Keeps a captured page or file; the returned reference goes into a case's materials. */
    stageMaterial(bytes: Buffer, mediaType: MaterialFile['mediaType']): MaterialFile {
      const file = materials.put(bytes, mediaType);
      insertMaterial.run(file.sha256, file.size, file.mediaType, now().toISOString());
      return file;
    },

    /** 受理 (or 不予受理 when the draft carries a one-time notice): recorded here at once, sent when it can be. */
    register(draft: CaseDraft, clerk: { id: string; name?: string }): CaseSummary {
      const parsed = CaseDraftSchema.safeParse(draft);
      if (!parsed.success)
        throw new RpcError('INVALID_INPUT', `办件内容有误 / The case is not complete: ${describeIssues(parsed.error.issues).join('; ')}`);
      const caseId = uuidv7(now().getTime());
      const stage: CaseStage = parsed.data.notice ? 'rejected' : 'accepted';
      const receiptNumber = stage === 'accepted' ? receiptNumberOf(caseId) : undefined;
      const submission: CaseSubmission = {
        ...parsed.data,
        flags: { ...parsed.data.flags, online: isOnlineCase(parsed.data.handlingForm) },
        caseId,
        ...(receiptNumber ? { receiptNumber } : {}),
        terminalId,
        clerkId: clerk.id,
        ...(clerk.name ? { clerkName: clerk.name } : {}),
        appliedAt: wireDateTime(now(), timeZone),
        stage,
      };
      db.transaction(() => {
        for (const material of submission.materials) {
          for (const file of material.files) {
            if (!materialExists.get(file.sha256)) {
              throw new RpcError(
                'INVALID_INPUT',
                `材料“${material.name}”的文件未在本机找到，请重新采集 / a file of material "${material.name}" is not on this terminal: capture it again`,
              );
            }
          }
        }
        insertCase.run(
          caseId,
          receiptNumber ?? null,
          submission.itemCode,
          submission.itemName,
          stage,
          clerk.id,
          JSON.stringify(submission),
          JSON.stringify([{ stage, at: submission.appliedAt, handler: clerk.name ?? clerk.id }]),
          now().toISOString(),
          stage === 'rejected' ? now().toISOString() : null,
        );
        for (const material of submission.materials) for (const file of material.files) linkFile.run(caseId, file.sha256);
        outbox.enqueue({ kind: 'case.submit', opId: uuidv7(now().getTime()), caseId, case: submission });
        audit(clerk.id, stage === 'rejected' ? 'case.refused' : 'case.accepted', caseId, { itemCode: submission.itemCode });
      }).immediate();
      return summary(existing(caseId));
    },

    /** 反馈, 出件, 归档: the steps that happen where the applicant stands. */
    move: moveCase,

    /**
     * 出件 of a case this counter took in, while the platform cannot be reached: handed to the applicant
     * or their agent — the person whose card the window read — and sent on as a move when the link is back.
     */
    handOver(reference: CaseReference, recipientIdNumber: string, clerkId: string) {
      const row = find(reference);
      if (!row)
        throw new RpcError(
          'NOT_FOUND',
          `本窗口没有${describeReference(reference)}的办件记录，平台恢复连接后可在任一窗口出件，请稍后再试 / this counter does not hold that case: try again once the platform is reachable`,
        );
      if (!row.record)
        throw new RpcError('REFUSED', '该办件的个人信息已按保存期限删除，请人工核验 / this case has been purged: check by hand');
      if (row.stage !== 'completed' && row.stage !== 'feedback') {
        throw new RpcError(
          'REFUSED',
          `办件当前为“${CASE_STAGES[row.stage]}”，尚无结果可领取 / the case is at ${row.stage}: there is no result to hand out`,
        );
      }
      const record = JSON.parse(row.record) as CaseSubmission;
      const as = recipientRole(record, recipientIdNumber);
      if (!as)
        throw new RpcError(
          'REFUSED',
          '领取人的证件与申请人、代办人均不符，不能领取；请申请人本人或其代办人持身份证领取 / the card read is neither the applicant’s nor the agent’s',
        );
      const resultName =
        (JSON.parse(row.progress) as ProgressEntry[]).find((entry) => entry.stage === 'completed')?.step ?? `${record.itemName}办理结果`;
      const moved = moveCase(
        row.case_id,
        'delivered',
        clerkId,
        `领取人 ${maskName((as === 'applicant' ? record.applicant : record.agent!).name)}`,
      );
      return { case: moved, as, resultName };
    },

    /** A case this counter holds, by what a receipt carries; undefined when it holds none. */
    find(reference: CaseReference): CaseSummary | undefined {
      const row = find(reference);
      return row ? summary(row) : undefined;
    },

    /** The cases taken in while the given hall ticket was served: its 好差评 is theirs too. */
    casesOfTicket(ticketId: string): string[] {
      return ofTicket.all(ticketId).map((row) => row.case_id);
    },

    /** The applicant's 好差评 for this case, sent to the platform with it. */
    evaluate(caseId: string, level: number, reasons: string[]): void {
      db.transaction(() => {
        existing(caseId);
        outbox.enqueue({ kind: 'case.evaluate', opId: uuidv7(now().getTime()), caseId, level, reasons, at: wireDateTime(now(), timeZone) });
        audit('applicant', 'case.evaluated', caseId, { level });
      }).immediate();
    },

    get(caseId: string): CaseSummary {
      return summary(existing(caseId));
    },

    list(limit: number): CaseSummary[] {
      return listCases.all(limit).map(summary);
    },

    /** The platform's answer to an operation: the 办件编号 it assigned and the promised date. */
    acknowledge(ack: CaseAck): void {
      acknowledge.run(ack.caseNumber, ack.promisedDate ?? null, ack.caseId);
    },

    /** A change from the platform's feed; true when it changed a case this terminal holds. */
    applyChange(change: CaseChange): boolean {
      const row = findCase.get(change.caseId);
      if (!row) return false;
      const progress = JSON.parse(row.progress) as ProgressEntry[];
      if (progress.some((entry) => entry.seq === change.seq)) return false;
      acknowledge.run(change.caseNumber, null, change.caseId);
      const ahead = STAGE_ORDER.indexOf(change.stage) > STAGE_ORDER.indexOf(row.stage);
      if (!ahead && !change.step && !change.completion) return row.case_number === null;
      const entry: ProgressEntry = {
        seq: change.seq,
        stage: change.stage,
        at: change.at,
        ...(change.step ? { step: change.step.step, handler: change.step.handler } : {}),
        ...(change.completion ? { step: change.completion.resultName, handler: change.completion.handler } : {}),
      };
      moveTo(row, ahead ? change.stage : row.stage, entry);
      return true;
    },

    /**
     * Everything this terminal holds about one person, for their access request (PIPL art. 45): the
     * cases where they are the applicant or the agent, whole, and the audit entries of those cases.
     * The request itself is audited, with the number masked.
     */
    aboutPerson(idNumber: string, clerkId: string) {
      const wanted = idNumber.trim().toUpperCase();
      const cases = db
        .prepare<[], { case_id: string; case_number: string | null; stage: CaseStage; created_at: string; record: string }>(
          'SELECT case_id, case_number, stage, created_at, record FROM cases WHERE record IS NOT NULL ORDER BY created_at',
        )
        .all()
        .map((row) => ({ row, record: JSON.parse(row.record) as CaseSubmission }))
        .filter(
          ({ record }) =>
            record.applicant.certificateNumber.toUpperCase() === wanted || record.agent?.certificateNumber.toUpperCase() === wanted,
        )
        .map(({ row, record }) => ({
          caseId: row.case_id,
          caseNumber: row.case_number,
          stage: row.stage,
          createdAt: row.created_at,
          as: record.applicant.certificateNumber.toUpperCase() === wanted ? ('applicant' as const) : ('agent' as const),
          record,
        }));
      const ids = new Set(cases.map((entry) => entry.caseId));
      const trail = [...auditLog.entries()].filter((entry) => entry.caseId !== null && ids.has(entry.caseId));
      db.transaction(() => audit(clerkId, 'privacy.export', null, { idNumber: maskIdNumber(wanted), cases: cases.length })).immediate();
      return { cases, audit: trail.map(({ seq, at, actor, action, caseId }) => ({ seq, at, actor, action, caseId })) };
    },

    isUploaded(sha256: string): boolean {
      return isUploaded.get(sha256)?.uploaded === 1;
    },
    markUploaded(sha256: string): void {
      setUploaded.run(sha256);
    },
    readMaterial(sha256: string): Buffer {
      return materials.read(sha256);
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;
