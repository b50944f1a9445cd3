import { z } from 'zod';
import { PrintersStatusSchema, PrintJobViewSchema } from './printing.js';
import { event, method } from './rpc/define.js';

/** The terminal's printers and their print queue. */
export const printerMethods = {
  'printer.status': method({
    summary: "Whether this terminal's printers can print, in words.",
    input: z.object({}).strict(),
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
};

export const printerEvents = {
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
};
