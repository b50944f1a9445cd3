import { z } from 'zod';
import { TicketRulesSchema, type HandedOutTicket } from './tickets.js';

/** The data of each printed slip; the templates in src/devices/printer turn it into a document. */
const isoDateTime = z.iso.datetime({ offset: true });

export const QueueTicketDataSchema = z.object({
  hallName: z.string().min(1),
  queueName: z.string().min(1),
  ticketNumber: z.string().min(1).max(10),
  /** Null for a number issued offline: the kiosk cannot know the line. */
  waitingAhead: z.number().int().min(0).nullable(),
  /** 离线取号: the slip says so, and that the hall places it by its time once back. */
  offline: z.boolean().default(false),
  issuedAt: isoDateTime,
  /** The ticket's own page, for its QR; null when the hall has no address phones can reach. */
  statusUrl: z.string().min(1).max(300).nullable(),
  /** The hall's rules as configured: the slip states them, and never others. */
  rules: TicketRulesSchema,
});

/** What the queue ticket prints, from the ticket as the hall issued it. */
export function queueTicketData(hallName: string, ticket: HandedOutTicket): z.infer<typeof QueueTicketDataSchema> {
  return {
    hallName,
    queueName: ticket.queueName,
    ticketNumber: ticket.ticketNumber,
    waitingAhead: ticket.waitingAhead,
    offline: ticket.offline,
    issuedAt: ticket.issuedAt,
    statusUrl: ticket.statusUrl,
    rules: ticket.rules,
  };
}

const materialLine = z.object({
  name: z.string().min(1),
  form: z.enum(['原件', '复印件', '电子件']),
  count: z.number().int().min(1),
});

export const AcceptanceReceiptDataSchema = z.object({
  hallName: z.string().min(1),
  /** 受理编号: kiosk 进度查询 and 出件 at any counter find the case by it, before the 办件编号 exists and after. */
  receiptNumber: z.string().min(1).max(20),
  /** 查询码: a kiosk looks the case up by a typed number only with it (see checkCodeOf). */
  checkCode: z.string().regex(/^\d{6}$/),
  /** 办件编号, printed too when the platform had given it by the time the receipt printed. */
  caseNumber: z.string().min(1).max(50).optional(),
  serviceName: z.string().min(1),
  applicantName: z.string().min(1),
  applicantIdNumber: z.string().min(1),
  materials: z.array(materialLine),
  acceptedAt: isoDateTime,
  promisedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  windowLabel: z.string(),
  clerkName: z.string(),
  /** The receipt's QR: the 受理编号 and 查询码, for a kiosk's or a counter's scanner. */
  qrText: z.string().min(1).max(300),
});

export const MissingMaterialsNoticeDataSchema = z.object({
  hallName: z.string().min(1),
  serviceName: z.string().min(1),
  applicantName: z.string().min(1),
  /** The reason the clerk gave. */
  reason: z.string().min(1),
  items: z
    .array(
      z.object({
        material: z.string().min(1),
        problem: z.enum(['missing', 'non-compliant']),
        requirement: z.string().min(1),
        note: z.string().optional(),
      }),
    )
    .min(1),
  issuedAt: isoDateTime,
  windowLabel: z.string(),
  clerkName: z.string(),
  contactPhone: z.string().optional(),
});

/**
 * 不予受理通知书: the decision, its grounds as the clerk gave them, who decided, and how to seek remedy.
 * A refused application gets no 受理编号.
 */
export const RefusalNoticeDataSchema = z.object({
  hallName: z.string().min(1),
  serviceName: z.string().min(1),
  applicantName: z.string().min(1),
  grounds: z.string().min(1),
  issuedAt: isoDateTime,
  windowLabel: z.string().min(1),
  clerkName: z.string().min(1),
  /** The clerk's 工号. */
  clerkId: z.string().min(1),
});

export const PickupSlipDataSchema = z
  .object({
    hallName: z.string().min(1),
    receiptNumber: z.string().min(1).max(20).optional(),
    caseNumber: z.string().min(1).max(50).optional(),
    serviceName: z.string().min(1),
    recipientName: z.string().min(1),
    recipientIdNumber: z.string().min(1),
    /** 申请人 or 代办人. */
    recipientRole: z.enum(['申请人', '代办人']),
    resultName: z.string().min(1),
    resultNumber: z.string().optional(),
    pickedUpAt: isoDateTime,
    windowLabel: z.string(),
    clerkName: z.string(),
  })
  .refine(
    (data) => data.receiptNumber !== undefined || data.caseNumber !== undefined,
    '出件单须有受理编号或办件编号 / a pickup slip needs receiptNumber or caseNumber',
  );

/** 办事指南 as a short slip: what to bring and where to go. */
export const ServiceGuideDataSchema = z.object({
  hallName: z.string().min(1),
  title: z.string().min(1),
  sample: z.boolean(),
  windows: z.string().min(1),
  timeLimit: z.string().min(1),
  fees: z.string().min(1),
  materials: z
    .array(z.object({ name: z.string().min(1), form: z.string().min(1), count: z.number().int().min(0), conditional: z.boolean() }))
    .min(1),
  notes: z.array(z.string()),
});

/** 预填单: the code a counter scans to open what the citizen prepared at the kiosk, and what to bring. */
export const PrefillSlipDataSchema = z.object({
  hallName: z.string().min(1),
  title: z.string().min(1),
  code: z.string().min(1).max(20),
  qrText: z.string().min(1).max(300),
  expiresAt: isoDateTime,
  materials: z.array(z.object({ name: z.string().min(1), form: z.string().min(1), count: z.number().int().min(0) })),
});

export const PRINT_TEMPLATES = {
  'queue-ticket': QueueTicketDataSchema,
  'acceptance-receipt': AcceptanceReceiptDataSchema,
  'missing-materials-notice': MissingMaterialsNoticeDataSchema,
  'refusal-notice': RefusalNoticeDataSchema,
  'pickup-slip': PickupSlipDataSchema,
  'service-guide': ServiceGuideDataSchema,
  'prefill-slip': PrefillSlipDataSchema,
} as const;
export type PrintTemplateName = keyof typeof PRINT_TEMPLATES;
export type PrintTemplateData<K extends PrintTemplateName> = z.infer<(typeof PRINT_TEMPLATES)[K]>;
