import { z } from 'zod';
import {
  CaseIdSchema,
  CaseStageSchema,
  CaseSubmissionSchema,
  CaseSummarySchema,
  DeadLetterSchema,
  MaterialFileSchema,
  SyncStateSchema,
} from './cases.js';
import { event, method } from './rpc/define.js';

/** A page of a captured material, as base64: at most 15 MB of bytes, above any sane scan of one page. */
const MAX_MATERIAL_BASE64 = Math.ceil((15 * 1024 * 1024) / 3) * 4;

/** The counter's cases and their sync: operator only, never the customer screen or a kiosk. */
export const caseMethods = {
  'cases.putMaterial': method({
    summary: 'Keep a captured page or file of a material (encrypted, fsynced); returns its reference for a case.',
    input: z
      .object({
        data: z
          .base64({ error: '材料内容应为 base64 / the material must be base64' })
          .max(MAX_MATERIAL_BASE64, '单个材料文件不能超过 15 MB / one material file may be at most 15 MB'),
        mediaType: MaterialFileSchema.shape.mediaType,
      })
      .strict(),
    output: MaterialFileSchema,
    roles: ['operator'],
  }),
  'cases.list': method({
    summary: "This terminal's cases, newest first, masked, with their sync state and progress.",
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
    output: z.object({ cases: z.array(CaseSummarySchema) }),
    roles: ['operator'],
  }),
  'cases.get': method({
    summary: 'One case, masked, with its sync state and progress.',
    input: z.object({ caseId: CaseIdSchema }).strict(),
    output: CaseSummarySchema,
    roles: ['operator'],
  }),
  'cases.find': method({
    summary: 'The case of this counter a receipt names: its 受理编号 (any case or spacing), 办件编号 or QR; masked.',
    input: z
      .object({ reference: z.string().trim().min(1, '请输入受理编号或办件编号 / type the receipt number or case number').max(80) })
      .strict(),
    output: CaseSummarySchema,
    roles: ['operator'],
  }),
  'cases.move': method({
    summary: 'A step taken at the window: 反馈, 出件 or 归档.',
    input: z
      .object({ caseId: CaseIdSchema, stage: z.enum(['feedback', 'delivered', 'archived']), note: z.string().max(500).optional() })
      .strict(),
    output: CaseSummarySchema,
    roles: ['operator'],
  }),
  'privacy.export': method({
    summary:
      "What this terminal holds about one ID number (cases as applicant or agent, whole, and their audit entries), for the citizen's access request; audited.",
    input: z.object({ idNumber: z.string().trim().min(6).max(30) }).strict(),
    output: z.object({
      cases: z.array(
        z.object({
          caseId: z.string(),
          caseNumber: z.string().nullable(),
          stage: CaseStageSchema,
          createdAt: z.string(),
          as: z.enum(['applicant', 'agent']),
          record: CaseSubmissionSchema,
        }),
      ),
      audit: z.array(
        z.object({ seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), caseId: z.string().nullable() }),
      ),
    }),
    roles: ['operator'],
  }),
  'sync.state': method({
    summary: 'Whether the platform is reachable, how many operations wait, how many were refused, and the last success.',
    input: z.object({}).strict(),
    output: SyncStateSchema,
    roles: ['operator'],
  }),
  'sync.deadLetters': method({
    summary: 'Operations the platform refused, with its reason; each holds its case until retried or discarded.',
    input: z.object({}).strict(),
    output: z.object({ deadLetters: z.array(DeadLetterSchema) }),
    roles: ['operator'],
  }),
  'sync.retry': method({
    summary: 'Send a refused operation again (audited).',
    input: z.object({ opId: z.string().min(1).max(64) }).strict(),
    output: SyncStateSchema,
    roles: ['operator'],
  }),
  'sync.discard': method({
    summary: 'Give up a refused operation: it never reaches the platform (audited).',
    input: z.object({ opId: z.string().min(1).max(64) }).strict(),
    output: SyncStateSchema,
    roles: ['operator'],
  }),
};

export const caseEvents = {
  'sync.state': event({
    summary: 'The sync state changed: online, backlog, dead letters or last success.',
    payload: SyncStateSchema,
    roles: ['operator'],
  }),
  'cases.changed': event({
    summary: 'Cases changed here or on the platform (acknowledged, refused, moved on by the back office).',
    payload: z.object({ cases: z.array(CaseSummarySchema) }),
    roles: ['operator'],
  }),
};
