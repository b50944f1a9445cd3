import { z } from 'zod';
import { isValidIdNumber } from './id-number.js';

/**
 * The case (办件) as the counter records it and the platform receives it, after GB/T 39046-2020: the
 * application, its acceptance or refusal, the back office's processing steps, completion, evaluation.
 * Codes are the standard's; 联办, 上报 and 网办 are local categories and travel as flags.
 */

/** A schema accepting exactly the codes of a code table (code → name). */
export function codeEnum<T extends Record<string, string>>(table: T) {
  return z.enum(Object.keys(table) as [keyof T & string, ...(keyof T & string)[]]);
}

/** 办件类型: 1 即办件, 2 承诺件, 9 其他. */
export const CASE_TYPES = { '1': '即办件', '2': '承诺件', '9': '其他' } as const;
/** 办理形式: 1 窗口, 2 PC 网上, 3 移动端, 4 快递, 9 其他. */
export const HANDLING_FORMS = { '1': '窗口办理', '2': 'PC端网上办理', '3': '移动端办理', '4': '快递申请', '9': '其他' } as const;
/** 证件类型 as seen in provincial interfaces (GA/T 2000.156 codes). */
export const CERTIFICATE_TYPES = {
  '111': '居民身份证',
  '112': '临时居民身份证',
  '113': '户口簿',
  '114': '军官证',
  '414': '普通护照',
  '511': '台湾居民来往大陆通行证',
  '516': '港澳居民来往内地通行证',
  '553': '外国人永久居留身份证',
  '990': '其他',
} as const;

/**
 * Our lifecycle. No national list of case states exists; this one maps onto the standard's records:
 * 受理 and 不予受理 are the acceptance record, 分件 … 办理 processing, 办结 completion, 反馈 evaluation.
 */
export const CASE_STAGES = {
  precheck: '预审',
  accepted: '受理',
  dispatched: '分件',
  transferred: '转交',
  processing: '办理',
  completed: '办结',
  feedback: '反馈',
  delivered: '出件',
  archived: '归档',
  rejected: '不予受理',
} as const;
export type CaseStage = keyof typeof CASE_STAGES;
/** Where a case stands, in the words its applicant and the clerk read on a screen. */
export const CASE_STATUS: Record<CaseStage, string> = {
  precheck: '预审中',
  accepted: '已受理',
  dispatched: '已分件',
  transferred: '已转交',
  processing: '办理中',
  completed: '已办结，可领取',
  feedback: '已评价，可领取',
  delivered: '已出件',
  archived: '已归档',
  rejected: '不予受理',
};
export const CaseStageSchema = codeEnum(CASE_STAGES);

/** Which stage may follow which, and who moves it: the window where the applicant stands, or the back office. */
const NEXT_STAGES: Record<CaseStage, { stage: CaseStage; by: 'terminal' | 'platform' }[]> = {
  precheck: [
    { stage: 'accepted', by: 'terminal' },
    { stage: 'rejected', by: 'terminal' },
  ],
  accepted: [{ stage: 'dispatched', by: 'platform' }],
  dispatched: [{ stage: 'transferred', by: 'platform' }],
  transferred: [{ stage: 'processing', by: 'platform' }],
  processing: [
    { stage: 'processing', by: 'platform' },
    { stage: 'completed', by: 'platform' },
  ],
  completed: [
    { stage: 'feedback', by: 'terminal' },
    { stage: 'delivered', by: 'terminal' },
  ],
  feedback: [{ stage: 'delivered', by: 'terminal' }],
  delivered: [{ stage: 'archived', by: 'terminal' }],
  archived: [],
  rejected: [],
};

/** A case at one of these stages is closed: nothing more happens to it but the retention purge. */
export const CLOSED_STAGES: readonly CaseStage[] = ['archived', 'rejected'];

export function canMove(from: CaseStage, to: CaseStage, by: 'terminal' | 'platform'): boolean {
  return NEXT_STAGES[from].some((next) => next.stage === to && next.by === by);
}

/** `YYYYMMDDThhmmss`, GB/T 39046's date-time on the wire. */
export const WireDateTimeSchema = z
  .string()
  .regex(/^\d{8}T\d{6}$/, '时间格式应为 YYYYMMDDThhmmss / expected a date-time as YYYYMMDDThhmmss');

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256 / expected a lowercase hex SHA-256');
export const CaseIdSchema = z.uuid({ version: 'v7', error: '办件的客户端编号应为 UUIDv7 / a case id is a UUIDv7' });
/** 受理编号 as stored and sent (see case-reference.ts): 11 Crockford base32 characters, no spaces. */
export const ReceiptNumberSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{11}$/, '受理编号应为 11 位字母和数字 / a receipt number is 11 letters and digits');

const certificateType = codeEnum(CERTIFICATE_TYPES);

/** A person in the application: the applicant or the agent who applies for them (代办). */
export const CasePersonSchema = z
  .object({
    name: z.string().trim().min(1, '姓名不能为空 / the name is empty').max(100),
    certificateType: certificateType,
    certificateNumber: z.string().trim().min(1).max(30),
    mobile: z
      .string()
      .regex(/^1\d{10}$/, '手机号应为 11 位数字，以 1 开头 / a mobile number is 11 digits starting with 1')
      .optional(),
    address: z.string().max(200).optional(),
  })
  .strict()
  .superRefine((person, ctx) => {
    if (person.certificateType === '111' && !isValidIdNumber(person.certificateNumber)) {
      ctx.addIssue({
        code: 'custom',
        path: ['certificateNumber'],
        message:
          '居民身份证号码无效（长度、出生日期或校验位不对），请核对证件 / the resident ID number is not valid (length, birth date or check digit): check the card',
      });
    }
  });

/** How a material was received: the original shown, a paper copy kept, or an electronic file. */
export const MATERIAL_FORMS = { original: '原件', copy: '复印件', electronic: '电子件' } as const;

/** One page or file of a captured material, stored content-addressed on the terminal and the platform. */
export const MaterialFileSchema = z
  .object({
    sha256: Sha256Schema,
    size: z
      .number()
      .int()
      .min(1)
      .max(50 * 1024 * 1024),
    mediaType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  })
  .strict();
export type MaterialFile = z.infer<typeof MaterialFileSchema>;

export const CaseMaterialSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    received: z.boolean(),
    form: codeEnum(MATERIAL_FORMS),
    count: z.number().int().min(0).max(999),
    files: z.array(MaterialFileSchema).max(200).default([]),
  })
  .strict();

/** A signature as drawn: strokes of points (x, y in the pad's pixels; t in ms from the first), and its PNG. */
export const SignatureStrokesSchema = z
  .array(
    z
      .array(z.tuple([z.number().min(0).max(4000), z.number().min(0).max(4000), z.number().int().min(0).max(600_000)]))
      .min(1)
      .max(2000),
  )
  .min(1, '请先签名 / please sign first')
  .max(100);
export type SignatureStrokes = z.infer<typeof SignatureStrokesSchema>;
export const SignatureSchema = z.object({ image: MaterialFileSchema, strokes: SignatureStrokesSchema }).strict();

/** 一次性告知: each missing or non-compliant material with the requirement it fails. */
export const OneTimeNoticeSchema = z
  .object({
    reason: z.string().trim().min(1, '请写明不予受理或补正的理由 / give the reason').max(500),
    items: z
      .array(z.object({ material: z.string().trim().min(1).max(100), requirement: z.string().trim().min(1).max(300) }).strict())
      .max(100),
  })
  .strict();

/** What the counter enters to register a case (受理) or refuse it with a one-time notice (不予受理). */
export const CaseDraftSchema = z
  .object({
    itemCode: z.string().trim().min(1).max(31),
    itemName: z.string().trim().min(1).max(200),
    caseType: codeEnum(CASE_TYPES),
    handlingForm: codeEnum(HANDLING_FORMS).default('1'),
    flags: z.object({ joint: z.boolean(), reported: z.boolean() }).strict().default({ joint: false, reported: false }),
    applicant: CasePersonSchema,
    agent: CasePersonSchema.optional(),
    regionCode: z
      .string()
      .regex(/^\d{6,9}$/, '行政区划代码应为 6–9 位数字 / a region code is 6–9 digits')
      .optional(),
    materials: z.array(CaseMaterialSchema).max(100),
    /** Working days promised for a 承诺件; the platform computes the date. */
    promisedDays: z.number().int().min(0).max(365).optional(),
    /** Set for 不予受理: the case is recorded and closed with this notice. */
    notice: OneTimeNoticeSchema.optional(),
    /** The hall ticket the applicant was served under, when there was one. */
    ticketId: z.string().max(64).optional(),
    /** The application form as filled (at the kiosk, at the window), by the catalog's form id. */
    form: z
      .object({
        formId: z.string().min(1).max(64),
        values: z.record(z.string().max(64), z.string().max(500)),
        /** Values of a pre-filled application the clerk corrected with the applicant at the window: what it said, what it says now. */
        corrections: z
          .array(z.object({ fieldId: z.string().max(64), from: z.string().max(500), to: z.string().max(500) }).strict())
          .max(100)
          .optional(),
      })
      .strict()
      .optional(),
    /** The applicant's signature on the second screen: the image as a material file, and the strokes. */
    signature: SignatureSchema.optional(),
  })
  .strict();
export type CaseDraft = z.input<typeof CaseDraftSchema>;

/** 网办 is not a national 办件类型: it follows from 办理形式 2 or 3. */
export function isOnlineCase(handlingForm: string): boolean {
  return handlingForm === '2' || handlingForm === '3';
}

/** The case as submitted to the platform: the draft plus who accepted it, where and when; 网办 follows from 办理形式. */
export const CaseSubmissionSchema = CaseDraftSchema.extend({
  flags: z.object({ joint: z.boolean(), reported: z.boolean(), online: z.boolean() }).strict(),
  caseId: CaseIdSchema,
  /** 受理编号 of an accepted case, printed on its receipt: the platform finds the case by it. A refusal has none. */
  receiptNumber: ReceiptNumberSchema.optional(),
  terminalId: z.string().min(1).max(40),
  clerkId: z.string().min(1).max(40),
  clerkName: z.string().max(60).optional(),
  appliedAt: WireDateTimeSchema,
  stage: z.enum(['accepted', 'rejected']),
}).strict();
export type CaseSubmission = z.output<typeof CaseSubmissionSchema>;

/** 出件 goes to the applicant or their agent only: which of them holds this certificate number, if either. */
export function recipientRole(
  submission: Pick<CaseSubmission, 'applicant' | 'agent'>,
  certificateNumber: string,
): 'applicant' | 'agent' | null {
  const wanted = certificateNumber.trim().toUpperCase();
  if (submission.applicant.certificateNumber.toUpperCase() === wanted) return 'applicant';
  return submission.agent?.certificateNumber.toUpperCase() === wanted ? 'agent' : null;
}

/** One back-office step (事项办理): 业务动作 通过/退回/其他, the step, who, the opinion. */
export const ProcessingStepSchema = z
  .object({
    step: z.string().min(1).max(60),
    action: z.enum(['pass', 'return', 'other']),
    handler: z.string().min(1).max(60),
    opinion: z.string().max(500).optional(),
    at: WireDateTimeSchema,
  })
  .strict();

/** 事项办结: the result and whether it is handed out at the hall or sent. */
export const CompletionSchema = z
  .object({
    handler: z.string().min(1).max(60),
    at: WireDateTimeSchema,
    resultName: z.string().min(1).max(200),
    resultNumber: z.string().max(100).optional(),
    byCourier: z.boolean(),
  })
  .strict();

/** A case as the counter lists it: personal data masked, its sync state, its progress from the platform. */
export const CaseSummarySchema = z.object({
  caseId: CaseIdSchema,
  /** 办件编号, once the platform has assigned it. */
  caseNumber: z.string().nullable(),
  /** 受理编号 on the receipt; null for 不予受理, which gets none. */
  receiptNumber: z.string().nullable(),
  itemCode: z.string(),
  itemName: z.string(),
  stage: CaseStageSchema,
  /** Masked name and ID number; null once the retention purge has removed them. */
  applicant: z.object({ name: z.string(), certificateNumber: z.string() }).nullable(),
  clerkId: z.string(),
  createdAt: z.string(),
  sync: z.enum(['pending', 'synced', 'dead-letter']),
  syncError: z.string().nullable(),
  promisedDate: z.string().nullable(),
  progress: z.array(
    z.object({ stage: CaseStageSchema, at: WireDateTimeSchema, step: z.string().optional(), handler: z.string().optional() }),
  ),
  purged: z.boolean(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

/** An operation the platform refused (4xx): it waits, with the later ones of its case, until a clerk retries or discards it. */
export const DeadLetterSchema = z.object({
  opId: z.string(),
  caseId: CaseIdSchema,
  caseNumber: z.string().nullable(),
  itemName: z.string(),
  kind: z.string(),
  error: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const SyncStateSchema = z.object({
  online: z.boolean(),
  /** Operations waiting to reach the platform, dead letters excluded. */
  backlog: z.number().int().min(0),
  deadLetters: z.number().int().min(0),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The platform holds an anchor of this counter's audit trail that the trail did not make (or refuses them): report it. */
  auditAnchor: z.string().nullable(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;
