import { z } from 'zod';
import {
  CaseIdSchema,
  CaseStageSchema,
  CaseSubmissionSchema,
  CompletionSchema,
  MaterialFileSchema,
  ProcessingStepSchema,
  ReceiptNumberSchema,
  Sha256Schema,
  WireDateTimeSchema,
} from './cases.js';
import { CatalogSchema } from './catalog.js';
import { route } from './http-route.js';

/**
 * The central case platform's API as the terminals use it. The city's platform is the real peer; the
 * reference server in src/platform answers the same routes for development, tests and demos. Every
 * write carries an Idempotency-Key header: a repeat gets the first answer, the same key with another
 * body is refused with 422.
 */

export const PlatformHealthSchema = z.object({
  service: z.literal('onewindow-reference-platform'),
  /** Always true: this server stands in for the city's platform in development, tests and demos. */
  reference: z.literal(true),
});

export { IDEMPOTENCY_HEADER } from './http-route.js';
export const UPLOAD_OFFSET_HEADER = 'upload-offset';
/** With Upload-Media-Type on a PATCH at offset 0: create the upload if there is none (tus creation-with-upload). */
export const UPLOAD_LENGTH_HEADER = 'upload-length';
export const UPLOAD_MEDIA_TYPE_HEADER = 'upload-media-type';
/** The tus 1.0 media type of a PATCH body: raw bytes appended at Upload-Offset. */
export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';
/** Each PATCH carries at most this much, so a dropped link costs one chunk, not the file. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;

export const TokenRequestSchema = z.object({ terminalId: z.string().min(1).max(40), secret: z.string().min(16).max(200) }).strict();
export const TokenSchema = z.object({ token: z.string().min(16), expiresInSeconds: z.number().int().positive() });

const opId = z.uuid({ version: 'v7' });

/** The changes the terminal makes to a case, in the order it made them; each is applied once. */
export const CaseOperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case.submit'), opId, caseId: CaseIdSchema, case: CaseSubmissionSchema }).strict(),
  z
    .object({
      kind: z.literal('case.move'),
      opId,
      caseId: CaseIdSchema,
      stage: z.enum(['feedback', 'delivered', 'archived']),
      at: WireDateTimeSchema,
      note: z.string().max(500).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('case.evaluate'),
      opId,
      caseId: CaseIdSchema,
      /** GB/T 39046 满意度 1 非常满意 … 5 非常不满意; channel 5 is the hall's own terminal. */
      level: z.number().int().min(1).max(5),
      reasons: z.array(z.string().max(60)).max(10).default([]),
      at: WireDateTimeSchema,
    })
    .strict(),
]);
export type CaseOperation = z.input<typeof CaseOperationSchema>;

/** What the platform knows of a case after an operation: its 办件编号 and stage. */
export const CaseAckSchema = z.object({
  caseId: CaseIdSchema,
  caseNumber: z.string().min(1).max(50),
  stage: CaseStageSchema,
  promisedDate: z
    .string()
    .regex(/^\d{8}$/)
    .optional(),
});
export type CaseAck = z.infer<typeof CaseAckSchema>;

export const UploadStateSchema = z.object({
  sha256: Sha256Schema,
  size: z.number().int(),
  offset: z.number().int().min(0),
  complete: z.boolean(),
});
export type UploadState = z.infer<typeof UploadStateSchema>;

export const CaseChangeSchema = z.object({
  seq: z.number().int().positive(),
  caseId: CaseIdSchema,
  caseNumber: z.string(),
  stage: CaseStageSchema,
  at: WireDateTimeSchema,
  step: ProcessingStepSchema.optional(),
  completion: CompletionSchema.optional(),
});
export type CaseChange = z.infer<typeof CaseChangeSchema>;

export const ChangesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const ChangesPageSchema = z.object({ changes: z.array(CaseChangeSchema), cursor: z.number().int().min(0), more: z.boolean() });

export const AuditAnchorSchema = z.object({ seq: z.number().int().positive(), hash: Sha256Schema, at: z.string() });
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>;

const ChainPointSchema = z.object({ seq: z.number().int().positive(), hash: Sha256Schema }).strict();

/**
 * An anchor of a chain's tip. `owner`: whose chain it is, and it must be the caller. `after`: the
 * newest anchor the platform holds for that chain (null for the first), with this chain's own hash at
 * that seq — only a holder of the chain knows it, so a stolen secret alone cannot anchor far ahead.
 */
export const AuditAnchorRequestSchema = z
  .object({ owner: z.string().min(1).max(40), seq: z.number().int().positive(), hash: Sha256Schema, after: ChainPointSchema.nullable() })
  .strict();
export type AuditAnchorRequest = z.infer<typeof AuditAnchorRequestSchema>;
/** Each anchor of a chain by seq and time, and whether the hash given for its seq matched (null: none was given). */
export const AnchorCheckSchema = z.object({
  anchors: z.array(z.object({ seq: z.number().int().positive(), at: z.string(), matches: z.boolean().nullable() })),
});
export type AnchorCheck = z.infer<typeof AnchorCheckSchema>;
/** A 承诺件 of the hall not yet completed, as its hall server supervises deadlines: no applicant, no materials. */
export const DeadlineCaseSchema = z.object({
  caseNumber: z.string(),
  receiptNumber: z.string().nullable(),
  itemName: z.string(),
  stage: CaseStageSchema,
  promisedDate: z.string(),
  /** The counter that took it in. */
  terminalId: z.string(),
  acceptedAt: z.string(),
});
export type DeadlineCase = z.infer<typeof DeadlineCaseSchema>;
/** Refusals of an anchor: its seq is not beyond the newest one, or `after` is not the newest one. */
export const ANCHOR_NOT_NEWER = 'ANCHOR_NOT_NEWER';
export const ANCHOR_CONFLICT = 'ANCHOR_CONFLICT';

export const AdvanceRequestSchema = z
  .object({
    caseNumber: z.string().min(1).max(50),
    handler: z.string().min(1).max(60).default('后台审批员'),
    opinion: z.string().max(500).optional(),
  })
  .strict();

/** What a receipt names a case by, as typed or scanned: its 受理编号, the 办件编号, or its QR (see case-reference.ts). */
const ReferenceSchema = z.string().trim().min(1, '请扫描回执二维码或输入受理编号 / scan the receipt or type its receipt number').max(80);

/**
 * 进度查询 in a hall: by what the receipt names the case by, or by the ID number on the card read there
 * (never in a URL). A kiosk names a case by its 受理编号 or 办件编号 only with the receipt's 查询码
 * (see checkCodeOf); the case id of an old receipt's QR is its own secret.
 */
export const ProgressQuerySchema = z.union([
  z
    .object({
      reference: ReferenceSchema,
      checkCode: z
        .string()
        .regex(/^\d{6}$/, '查询码应为回执上的 6 位数字 / the check code is the 6 digits on the receipt')
        .optional(),
    })
    .strict(),
  z.object({ idNumber: z.string().regex(/^\d{17}[\dX]$/, '身份证号码应为 18 位 / an ID number has 18 characters') }).strict(),
]);

/** A case's progress as a citizen may see it in the hall: the applicant masked, no materials, no form. */
export const CaseProgressSchema = z.object({
  caseNumber: z.string(),
  receiptNumber: z.string().nullable(),
  itemName: z.string(),
  applicantName: z.string(),
  stage: CaseStageSchema,
  promisedDate: z.string().nullable(),
  steps: z.array(z.object({ stage: CaseStageSchema, at: WireDateTimeSchema, step: z.string().optional() })),
  resultName: z.string().optional(),
});
export type CaseProgress = z.infer<typeof CaseProgressSchema>;

/**
 * 出件 at any counter of the hall: the case named by its receipt, handed to the person whose card the
 * counter read, if they are its applicant or agent. The number is compared with the case's record and
 * kept nowhere.
 */
export const HandOverRequestSchema = z
  .object({
    reference: ReferenceSchema,
    recipientIdNumber: z.string().trim().min(6).max(30),
    /** The clerk who hands it out, by name and 工号, and their window. */
    clerk: z.object({ id: z.string().min(1).max(40), name: z.string().min(1).max(60) }).strict(),
    windowLabel: z.string().min(1).max(60),
    at: WireDateTimeSchema,
  })
  .strict();
export type HandOverRequest = z.infer<typeof HandOverRequestSchema>;

export const HandedOverSchema = z.object({
  caseId: CaseIdSchema,
  caseNumber: z.string(),
  receiptNumber: ReceiptNumberSchema.nullable(),
  itemName: z.string(),
  resultName: z.string(),
  resultNumber: z.string().optional(),
  /** Whom the recipient's card matched. */
  as: z.enum(['applicant', 'agent']),
});
export type HandedOver = z.infer<typeof HandedOverSchema>;

const TerminalRefSchema = z.object({ terminalId: z.string().min(1).max(40) }).strict();

export const platformApi = {
  health: route({
    method: 'GET',
    path: '/api/v1/health',
    body: null,
    response: PlatformHealthSchema,
    summary: 'Liveness; says this is the reference platform',
    authenticated: false,
  }),
  token: route({
    method: 'POST',
    path: '/api/v1/token',
    body: TokenRequestSchema,
    response: TokenSchema,
    summary: 'A short-lived bearer token for an enrolled terminal',
    authenticated: false,
  }),
  operation: route({
    method: 'POST',
    path: '/api/v1/operations',
    body: CaseOperationSchema,
    response: CaseAckSchema,
    summary: 'Apply one case operation, once per Idempotency-Key',
    requestHeaders: [
      {
        name: 'Idempotency-Key',
        description: 'One per operation (the terminal uses its opId); a repeat gets the first answer, another body with it is 422',
      },
    ],
  }),
  createUpload: route({
    method: 'POST',
    path: '/api/v1/materials',
    body: MaterialFileSchema,
    response: UploadStateSchema,
    summary: 'Start or look up the upload of a content-addressed material file',
  }),
  appendUpload: route({
    method: 'PATCH',
    path: '/api/v1/materials/:sha256',
    body: null,
    rawBody: UPLOAD_CONTENT_TYPE,
    response: UploadStateSchema,
    summary: 'Append bytes at Upload-Offset (tus 1.0 core); the hash is checked when complete',
    requestHeaders: [
      { name: 'Upload-Offset', description: 'Where these bytes go; must equal the offset the platform holds, else 409' },
      {
        name: 'Upload-Length',
        description: 'Optional, with Upload-Media-Type at offset 0: the file size, to create the upload with its first piece',
        required: false,
      },
      { name: 'Upload-Media-Type', description: 'Optional, with Upload-Length: image/jpeg, image/png or application/pdf', required: false },
    ],
  }),
  changes: route({
    method: 'GET',
    path: '/api/v1/changes',
    body: null,
    query: ChangesQuerySchema,
    response: ChangesPageSchema,
    summary: "Changes to the cases of the caller's hall after a cursor, oldest first",
  }),
  catalog: route({
    method: 'GET',
    path: '/api/v1/catalog',
    body: null,
    query: z.object({ have: z.string().max(80).optional() }),
    response: z.object({ version: z.string(), catalog: CatalogSchema.nullable() }),
    summary: 'The published service catalog; null when the terminal already has this version (?have=)',
    authenticated: false,
  }),
  anchorAudit: route({
    method: 'POST',
    path: '/api/v1/audit/anchors',
    body: AuditAnchorRequestSchema,
    response: AuditAnchorSchema,
    summary:
      "Anchor the tip of the caller's own hash-chained audit trail (a counter's, or the hall server's event log): seqs strictly increase, each anchor names the one before it (409 otherwise), and the stored anchor is returned for the caller to check",
  }),
  newestAnchor: route({
    method: 'GET',
    path: '/api/v1/audit/anchors/newest',
    body: null,
    response: z.object({ seq: z.number().int().positive().nullable() }),
    summary: "The seq of the newest anchor of the caller's own chain (never its hash), null when there is none",
  }),
  checkAnchors: route({
    method: 'POST',
    path: '/api/v1/audit/anchors/check',
    body: z.object({ points: z.array(ChainPointSchema).max(100_000) }).strict(),
    response: AnchorCheckSchema,
    summary:
      "For the caller's own chain: every anchor's seq and time, and whether the hash the caller gives for that seq matches it (never the anchored hash itself): a hall's console verifies its log against the platform with it",
  }),
  openDeadlines: route({
    method: 'GET',
    path: '/api/v1/supervision/deadlines',
    body: null,
    response: z.object({ cases: z.array(DeadlineCaseSchema) }),
    summary:
      "For a hall server: its hall's 承诺件 not yet completed, with their promised dates, for the console's yellow and red cards (电子监察)",
  }),
  auditAnchors: route({
    method: 'GET',
    path: '/api/v1/audit/anchors',
    body: null,
    query: z.object({ terminal: z.string().min(1).max(40) }),
    response: z.array(AuditAnchorSchema),
    summary:
      "Supervision only (admin token): the anchors of a terminal's chain or of a hall server's event log (its platform id), for onewindow-audit verify --anchors",
  }),
  progress: route({
    method: 'POST',
    path: '/api/v1/progress',
    body: ProgressQuerySchema,
    response: z.object({ cases: z.array(CaseProgressSchema).max(20) }),
    summary: "Progress of the case a receipt names, or of one applicant's cases (newest first, at most 20), in the caller's hall, masked",
  }),
  handOver: route({
    method: 'POST',
    path: '/api/v1/handovers',
    body: HandOverRequestSchema,
    response: HandedOverSchema,
    summary:
      "出件 at a counter of the case's hall: checks the recipient's card against the applicant and agent, records the hand-over (seen in the changes feed)",
    requestHeaders: [{ name: 'Idempotency-Key', description: 'One per hand-over the clerk starts; a repeat gets the first answer' }],
  }),
  reissueSecret: route({
    method: 'POST',
    path: '/api/v1/admin/terminals/secret',
    body: TerminalRefSchema,
    response: z.object({ terminalId: z.string(), secret: z.string() }),
    summary: "Back office (admin token): a new secret for a terminal, shown once; the old secret and the terminal's tokens stop working",
  }),
  revokeTerminal: route({
    method: 'POST',
    path: '/api/v1/admin/terminals/revoke',
    body: TerminalRefSchema,
    response: z.object({ terminalId: z.string(), revokedAt: z.string() }),
    summary: "Back office (admin token): the terminal's secret and live tokens stop working at once",
  }),
  advance: route({
    method: 'POST',
    path: '/api/v1/admin/advance',
    body: AdvanceRequestSchema,
    response: CaseChangeSchema,
    summary: 'Reference platform only: move a case one back-office step on',
  }),
};
