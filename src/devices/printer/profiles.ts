import { PRINTER_PROFILES } from '../../shared/terminal-config.js';

export type PrinterProfileName = (typeof PRINTER_PROFILES)[number];

export interface PrinterProfile {
  name: PrinterProfileName;
  /** Printable dots a line at 203 dpi. */
  dots: number;
  /** Columns of the 12×24 font: a hanzi takes two. */
  columns: number;
  encoding: 'gbk' | 'gb18030';
  /** Native GS ( k, or the QR drawn as a raster image for printers without it. */
  qr: 'native' | 'image';
  cut: boolean;
}

const PAPER = { '58mm': { dots: 384, columns: 32 }, '80mm': { dots: 576, columns: 48 } } as const;

export function printerProfile(name: PrinterProfileName, overrides: Partial<Pick<PrinterProfile, 'qr' | 'cut'>> = {}): PrinterProfile {
  const [paper, encoding] = name.split('-') as ['58mm' | '80mm', 'gbk' | 'gb18030'];
  return { name, ...PAPER[paper], encoding, qr: 'native', cut: true, ...overrides };
}
