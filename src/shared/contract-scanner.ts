import { z } from 'zod';
import { event, method } from './rpc/define.js';
import { ScanSchema, SYMBOLOGIES } from './scanner.js';

const ScannerStatusSchema = z.object({
  /** host: the host drives it (serial, HID POS, simulated); wedge: the page reads its keystrokes; none. */
  mode: z.enum(['host', 'wedge', 'none']),
  /** null when the host cannot know (wedge, none). */
  connected: z.boolean().nullable(),
  message: z.string(),
});

const both = ['operator', 'kiosk'] as const;

export const scannerMethods = {
  'scanner.status': method({ summary: 'Whether the QR/barcode scanner is connected.', input: z.object({}).strict(), output: ScannerStatusSchema, roles: both }),
  'scanner.simulate': method({
    summary: 'Scan a code on the simulated scanner (demo and tests only).',
    input: z.object({ text: z.string().min(1).max(2000), symbology: z.enum(SYMBOLOGIES).default('qr') }).strict(),
    output: z.object({}),
    roles: both,
  }),
};

export const scannerEvents = {
  'scanner.scan': event({ summary: 'A code was scanned on this terminal’s scanner.', payload: ScanSchema, roles: both }),
  'scanner.status': event({ summary: 'The scanner was plugged in or went away.', payload: ScannerStatusSchema, roles: both }),
};
