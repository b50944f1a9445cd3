import { z } from 'zod';
import { TicketRulesSchema, type IssuedTicket } from './queue.js';

/** The data of each printed slip; the templates in src/devices/printer turn it into a document. */
const isoDateTime = z.iso.datetime({ offset: true });

export const QueueTicketDataSchema = z.object({
  hallName: z.string().min(1),
  queueName: z.string().min(1),
  ticketNumber: z.string().min(1).max(10),
  waitingAhead: z.number().int().min(0),
  issuedAt: isoDateTime,
  /** The ticket's own page, for its QR; null when the hall has no address phones can reach. */
  statusUrl: z.string().min(1).max(300).nullable(),
  /** The hall's rules as configured: the slip states them, and never others. */
  rules: TicketRulesSchema,
});

/** What the queue ticket prints, from the ticket as the hall issued it. */
export function queueTicketData(hallName: string, ticket: IssuedTicket): z.infer<typeof QueueTicketDataSchema> {
  return {
    hallName,
    queueName: ticket.queueName,
    ticketNumber: ticket.ticketNumber,
    waitingAhead: ticket.waitingAhead,
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
  /** 办件编号 once the platform has given it; until then the terminal's own 受理编号 stands in. */
  caseNumber: z.string().min(1).max(50).optional(),
  receiptNumber: z.string().min(1).max(40).optional(),
  serviceName: z.string().min(1),
  applicantName: z.string().min(1),
  applicantIdNumber: z.string().min(1),
  materials: z.array(materialLine),
  acceptedAt: isoDateTime,
  promisedDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  windowLabel: z.string(),
  clerkName: z.string(),
  progressUrl: z.string().min(1).max(300),
}).refine((data) => data.caseNumber !== undefined || data.receiptNumber !== undefined, '回执须有办件编号或受理编号 / a receipt needs caseNumber or receiptNumber');

export const MissingMaterialsNoticeDataSchema = z.object({
  hallName: z.string().min(1),
  serviceName: z.string().min(1),
  applicantName: z.string().min(1),
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

export const PickupSlipDataSchema = z.object({
  hallName: z.string().min(1),
  caseNumber: z.string().min(1).max(50),
  serviceName: z.string().min(1),
  recipientName: z.string().min(1),
  recipientIdNumber: z.string().min(1),
  resultName: z.string().min(1),
  resultNumber: z.string().optional(),
  pickedUpAt: isoDateTime,
  windowLabel: z.string(),
  clerkName: z.string(),
});

/** 办事指南 as a short slip: what to bring and where to go. */
export const ServiceGuideDataSchema = z.object({
  hallName: z.string().min(1),
  title: z.string().min(1),
  sample: z.boolean(),
  windows: z.string().min(1),
  timeLimit: z.string().min(1),
  fees: z.string().min(1),
  materials: z.array(z.object({ name: z.string().min(1), form: z.string().min(1), count: z.number().int().min(0), conditional: z.boolean() })).min(1),
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
  'pickup-slip': PickupSlipDataSchema,
  'service-guide': ServiceGuideDataSchema,
  'prefill-slip': PrefillSlipDataSchema,
} as const;
export type PrintTemplateName = keyof typeof PRINT_TEMPLATES;
export type PrintTemplateData<K extends PrintTemplateName> = z.infer<(typeof PRINT_TEMPLATES)[K]>;
