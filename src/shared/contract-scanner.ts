import { z } from 'zod';
import { event, method } from './rpc/define.js';
import { ScanSchema, SYMBOLOGIES } from './scanner.js';

const ScannerStatusSchema = z.object({
  /**
   * host: the host drives it (serial, HID POS); simulated: the host drives a scanner in software, which
   * pages may offer to scan with (模拟扫码, demo and tests); wedge: the page reads its keystrokes; none.
   */
  mode: z.enum(['host', 'simulated', 'wedge', 'none']),
  /** null when the host cannot know (wedge, none). */
  connected: z.boolean().nullable(),
  message: z.string(),
});

const both = ['operator', 'kiosk'] as const;

/** A code printed as a QR on a demo slip: what it holds, and which slip it was (terminal, when, what kind). */
export const DemoCodeSchema = z.object({ text: z.string(), slip: z.string() });
export type DemoCode = z.infer<typeof DemoCodeSchema>;

export const scannerMethods = {
  'scanner.status': method({
    summary: 'Whether the QR/barcode scanner is connected.',
    input: z.object({}).strict(),
    output: ScannerStatusSchema,
    roles: both,
  }),
  'scanner.simulate': method({
    summary: 'Scan a code on the simulated scanner (demo and tests only); refused on any other scanner.',
    input: z.object({ text: z.string().min(1).max(2000), symbology: z.enum(SYMBOLOGIES).default('qr') }).strict(),
    output: z.object({}),
    roles: both,
  }),
  'scanner.demoCodes': method({
    summary:
      'What the QR codes on the slips the demo printed recently hold, newest first, to offer for a simulated scan; refused on any other scanner.',
    input: z.object({}).strict(),
    output: z.object({ codes: z.array(DemoCodeSchema).max(20) }),
    roles: both,
  }),
};

/** A scanned page on its way to the page that shows it: JPEG, base64. */
const ScannedPageSchema = z.object({ data: z.string(), mediaType: z.literal('image/jpeg') });

export const docscanMethods = {
  'docscan.scan': method({
    summary: "Scan with the counter's document scanner: one page from the glass, or every page in the feeder.",
    input: z.object({ source: z.enum(['flatbed', 'feeder']).default('flatbed') }).strict(),
    output: z.object({ pages: z.array(ScannedPageSchema) }),
    roles: ['operator'],
  }),
  'docscan.cancel': method({
    summary: 'Stop the scan in progress; pages already scanned are kept.',
    input: z.object({}).strict(),
    output: z.object({}),
    roles: ['operator'],
  }),
};

export const scannerEvents = {
  'docscan.progress': event({
    summary: 'How far the document scanner is.',
    payload: z.object({ percent: z.number(), page: z.number().int() }),
    roles: ['operator'],
  }),
  'scanner.scan': event({ summary: 'A code was scanned on this terminal’s scanner.', payload: ScanSchema, roles: both }),
  'scanner.status': event({ summary: 'The scanner was plugged in or went away.', payload: ScannerStatusSchema, roles: both }),
};
