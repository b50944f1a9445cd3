import { z } from 'zod';

/** AIM symbology identifiers (ISO/IEC 15424) a scanner puts before the data: `]Q1` is a QR code. */
const AIM_SYMBOLOGIES: Record<string, string> = {
  Q: 'qr',
  d: 'datamatrix',
  C: 'code128',
  A: 'code39',
  E: 'ean',
  I: 'itf',
  L: 'pdf417',
  z: 'aztec',
  e: 'gs1-databar',
  X: 'other',
};

export const SYMBOLOGIES = [
  'qr',
  'datamatrix',
  'code128',
  'code39',
  'ean',
  'itf',
  'pdf417',
  'aztec',
  'gs1-databar',
  'other',
  'unknown',
] as const;

export const ScanSchema = z.object({
  symbology: z.enum(SYMBOLOGIES),
  text: z.string().max(8000),
  /** How the scanner is connected: a serial port, HID POS, keyboard wedge, or the simulator. */
  source: z.enum(['serial', 'hid', 'wedge', 'simulated']),
  at: z.iso.datetime(),
});
export type Scan = z.infer<typeof ScanSchema>;

/** Splits a leading AIM id off the scanned text; without one the symbology is unknown. */
export function parseAim(text: string): { symbology: Scan['symbology']; text: string } {
  const match = /^\](.)(.)/.exec(text);
  if (!match) return { symbology: 'unknown', text };
  return { symbology: (AIM_SYMBOLOGIES[match[1]!] ?? 'unknown') as Scan['symbology'], text: text.slice(3) };
}

/** The three AIM bytes for a symbology, for simulators. */
export function aimPrefix(symbology: Scan['symbology']): string {
  const letter = Object.entries(AIM_SYMBOLOGIES).find(([, name]) => name === symbology)?.[0];
  return letter ? `]${letter}${letter === 'Q' ? '1' : '0'}` : '';
}
