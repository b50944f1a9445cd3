import { z } from 'zod';
import { caseEvents, caseMethods } from './contract-cases.js';
import { catalogEvents, catalogMethods } from './contract-catalog.js';
import { intakeEvents, intakeMethods } from './contract-intake.js';
import { kioskMethods } from './contract-kiosk.js';
import { docscanMethods, scannerEvents, scannerMethods } from './contract-scanner.js';
import { CustomerViewSchema } from './customer-view.js';
import { EvaluationSchema } from './evaluation.js';
import { HallSnapshotSchema } from './hall-api.js';
import { HallEventSchema, HallTicketRefSchema, WindowViewSchema } from './hall-events.js';
import { IdCardReaderStatusSchema, IdCardViewSchema } from './idcard.js';
import { PrintersStatusSchema, PrintJobViewSchema } from './printing.js';
import { LinkStatusSchema } from './link-status.js';
import { IssuedTicketSchema, QueueIdSchema, QueueSummarySchema, TicketNumberSchema } from './queue.js';
import { RPC_ROLES, TERMINAL_ROLES } from './roles.js';
import { event, method } from './rpc/define.js';
import { RequestIdSchema } from './request-id.js';

/**
 * Every RPC method and event between a terminal host and its pages: the one place where a name, its
 * input and output, and the roles that may use it are declared. Host and pages both build on it.
 */
const noInput = z.object({}).strict();

/** The moves of a counter's window: operator only, and the window is the counter's own (from its configuration). */
function counterMethod<I extends z.ZodType>(summary: string, input: I) {
  return method({ summary, input, output: HallTicketRefSchema, roles: ['operator'] });
}

export const HelloSchema = z.object({
  role: z.enum(RPC_ROLES),
  terminalId: z.string(),
  terminalRole: z.enum(TERMINAL_ROLES),
  hallName: z.string(),
  windowLabel: z.string().nullable(),
  windowNumber: z.number().int().nullable(),
  version: z.string(),
  /** On a kiosk: after how many untouched seconds it warns, then wipes the session and goes home. */
  idle: z.object({ idleSeconds: z.number().int(), warningSeconds: z.number().int() }).nullable(),
});
export type Hello = z.infer<typeof HelloSchema>;

export const methods = {
  ...caseMethods,
  ...catalogMethods,
  ...scannerMethods,
  ...docscanMethods,
  ...kioskMethods,
  ...intakeMethods,
  'system.hello': method({
    summary: 'Who this page is talking to: the terminal, its hall and the role granted to this connection.',
    input: noInput,
    output: HelloSchema,
    roles: RPC_ROLES,
  }),
  'system.linkStatus': method({
    summary: 'Whether the hall server and the central platform are reachable from this terminal.',
    input: noInput,
    output: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
  'system.pageError': method({
    summary: "A part of a page failed to render and shows its fallback: the host logs what failed, for the administrator.",
    input: z
      .object({
        part: z.string().min(1).max(60),
        message: z.string().max(500),
        stack: z.string().max(4000).optional(),
      })
      .strict(),
    output: z.object({}),
    roles: RPC_ROLES,
  }),
  'queue.list': method({
    summary: "The hall's queues with the number of people waiting in each.",
    input: noInput,
    output: z.object({ queues: z.array(QueueSummarySchema) }),
    roles: ['kiosk', 'operator', 'board'],
  }),
  'queue.takeTicket': method({
    summary: 'Issue the next number of a queue from the hall server and queue its ticket for printing.',
    input: z
      .object({
        queueId: QueueIdSchema,
        /** With the card just read on this terminal's reader: the hall applies its limits per card and the green channel by age. */
        withIdCard: z.boolean().default(false),
        /** 绿色通道 chosen by staff; the hall refuses it from a kiosk. */
        greenChannel: z.boolean().default(false),
        requestId: RequestIdSchema,
      })
      .strict(),
    output: IssuedTicketSchema.extend({ print: PrintJobViewSchema.nullable() }),
    roles: ['kiosk', 'operator'],
  }),
  'hall.snapshot': method({
    summary: "The hall as it stands: waiting per queue, each window's ticket, the latest calls.",
    input: noInput,
    output: HallSnapshotSchema,
    roles: ['operator', 'kiosk', 'board'],
  }),
  'counter.callNext': counterMethod('Call the next ticket to this counter’s window.', noInput),
  'counter.recall': counterMethod('Call the current ticket again (counted and limited).', noInput),
  'counter.noShow': counterMethod('The current ticket did not come: 过号.', noInput),
  'counter.park': counterMethod('Set the current ticket aside at this window, to resume it later.', noInput),
  'counter.reinstate': counterMethod(
    'A citizen back within the hall’s time after 过号: their number (typed off the slip) gets in line again.',
    z.object({ ticketNumber: TicketNumberSchema }).strict(),
  ),
  'counter.resume': counterMethod('Take a parked ticket back as the current one.', z.object({ ticketId: z.string().min(1).max(64) }).strict()),
  'counter.finish': counterMethod(
    'Finish the current ticket with the 事项 codes served.',
    z.object({ serviceCodes: z.array(z.string().min(1).max(40)).max(20).default([]) }).strict(),
  ),
  'counter.transfer': counterMethod(
    'Send the current ticket to another queue or a named window; the citizen keeps the number.',
    z
      .object({ toQueueId: QueueIdSchema.optional(), toWindowNumber: z.number().int().min(1).max(999).optional(), note: z.string().max(100).optional() })
      .strict(),
  ),
  'counter.login': method({
    summary: 'A clerk logs in at this counter’s window with their id and PIN.',
    input: z.object({ clerkId: z.string().min(1).max(20), pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits') }).strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'counter.loginWithCard': method({
    summary: 'A clerk logs in at this counter’s window with their own ID card (just read) and PIN.',
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits') }).strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'counter.logout': method({ summary: 'The clerk logs out of this window.', input: noInput, output: WindowViewSchema, roles: ['operator'] }),
  'counter.pause': method({
    summary: 'Pause this counter’s window, or open it again.',
    input: z.object({ paused: z.boolean() }).strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'board.speech': method({
    summary: 'A call as spoken audio (WAV, espeak-ng) for boards whose browser has no Chinese voice.',
    input: z.object({ text: z.string().min(1).max(60).regex(/^[^\p{Cc}]+$/u, '不能含控制字符 / no control characters') }).strict(),
    output: z.object({ wav: z.base64() }),
    roles: ['board', 'kiosk'],
  }),
  'queue.checkIn': method({
    summary: 'Check in an appointment (预约签到) by its code or by the card just read, and print its ticket.',
    input: z
      .object({
        code: z
          .string()
          .transform((code) => code.trim().toUpperCase())
          .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '预约码为 8 位字母或数字 / the appointment code has 8 letters or digits'))
          .optional(),
        withIdCard: z.boolean().default(false),
        requestId: RequestIdSchema,
      })
      .strict(),
    output: IssuedTicketSchema.extend({ print: PrintJobViewSchema.nullable() }),
    roles: ['kiosk', 'operator'],
  }),
  'printer.status': method({
    summary: "Whether this terminal's printers can print, in words.",
    input: noInput,
    output: PrintersStatusSchema,
    roles: ['kiosk', 'operator'],
  }),
  'printer.jobs': method({
    summary: 'The latest print jobs of this terminal, newest first.',
    input: z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
    output: z.object({ jobs: z.array(PrintJobViewSchema) }),
    roles: ['operator'],
  }),
  'printer.job': method({
    summary: 'Where one print job stands now; pages ask once, then follow printer.job events.',
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: PrintJobViewSchema,
    roles: ['kiosk', 'operator'],
  }),
  'printer.reprint': method({
    summary: 'Print a job again, as a new job.',
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: PrintJobViewSchema,
    roles: ['operator'],
  }),
  'printer.preview': method({
    summary: "A job's slip as the printer prints it (SVG at the paper's dots).",
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: z.object({ svg: z.string() }),
    roles: ['kiosk', 'operator'],
  }),
  'display.setCustomerView': method({
    summary: "Set what the applicant's screen beside this counter shows.",
    input: z.object({ view: CustomerViewSchema }).strict(),
    output: z.object({}),
    roles: ['operator'],
  }),
  'idcard.read': method({
    summary: 'Wait for the next card on this terminal’s reader and return it, masked.',
    input: z.object({ timeoutMs: z.number().int().min(1000).max(60_000).default(15_000) }).strict(),
    output: IdCardViewSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.status': method({
    summary: 'Whether this terminal’s ID-card reader is connected, and what to do when it is not.',
    input: noInput,
    output: IdCardReaderStatusSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.simulate': method({
    summary: 'Put a sample card on a simulated reader (null takes it away); refused on real hardware.',
    input: z.object({ sample: z.string().max(60).nullable() }).strict(),
    output: z.object({}),
    roles: ['operator', 'kiosk'],
  }),
  'customer.rate': method({
    summary: 'The applicant rates the service just finished at this window (voluntary, once).',
    input: z.object({ level: z.number().int().min(1).max(5), reasons: z.array(z.string().min(1).max(40)).max(10).default([]) }).strict(),
    output: EvaluationSchema,
    roles: ['customer'],
  }),
  'customer.skipRating': method({
    summary: 'The applicant chose not to rate: the screen returns to welcome.',
    input: noInput,
    output: z.object({}),
    roles: ['customer'],
  }),
  'display.getCustomerView': method({
    summary: "What the applicant's screen shows now; the screen asks once, then follows display.customerView.",
    input: noInput,
    output: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
};

export const events = {
  ...caseEvents,
  ...catalogEvents,
  ...scannerEvents,
  ...intakeEvents,
  'hall.event': event({
    summary:
      'Something happened in the hall (a number issued, called, finished…), in order, each once. `live: false`: it happened before the stream (re)connected and came to catch up: it updates what is shown, it is never announced.',
    payload: HallEventSchema.extend({ live: z.boolean() }),
    roles: ['operator', 'kiosk', 'board'],
  }),
  'hall.resync': event({
    summary: 'The terminal has just joined the hall’s events, or could not follow them without a gap: take a fresh snapshot.',
    payload: z.object({ seq: z.number().int() }),
    roles: ['operator', 'kiosk', 'board'],
  }),
  'system.linkStatus': event({
    summary: 'The hall server or the platform became reachable or unreachable.',
    payload: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
  'idcard.card': event({
    summary: 'A card was placed on this terminal’s reader and read; masked.',
    payload: IdCardViewSchema,
    roles: ['operator', 'kiosk'],
  }),
  'idcard.error': event({
    summary: 'A card could not be read; the message says what to do.',
    payload: z.object({ message: z.string() }),
    roles: ['operator', 'kiosk'],
  }),
  'idcard.status': event({
    summary: 'The reader connected, lost its SAM, or was unplugged.',
    payload: IdCardReaderStatusSchema,
    roles: ['operator', 'kiosk'],
  }),
  'printer.job': event({
    summary: 'A print job was queued, printed, is waiting for a printer, or failed.',
    payload: PrintJobViewSchema,
    roles: ['kiosk', 'operator'],
  }),
  'printer.status': event({
    summary: 'A printer became ready or cannot print.',
    payload: PrintersStatusSchema,
    roles: ['kiosk', 'operator'],
  }),
  'display.customerView': event({
    summary: "The applicant's screen changed.",
    payload: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
};

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
