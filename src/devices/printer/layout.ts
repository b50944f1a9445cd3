import QRCode from 'qrcode';
import type { PrintBlock, PrintDocument } from './document.js';
import type { PrinterProfile } from './profiles.js';
import { textColumns, wrapText } from './width.js';

export type Align = 'left' | 'center' | 'right';

export type LaidOut =
  | { kind: 'line'; text: string; align: Align; width: number; height: number; bold: boolean }
  | { kind: 'qr'; data: string; moduleSize: number; align: Align }
  | { kind: 'barcode'; data: string; height: number }
  | { kind: 'image'; width: number; height: number; bits: Buffer }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

/** The QR symbol as a matrix of dark modules, error correction M, as printers' native QR uses by default. */
export function qrModules(data: string): boolean[][] {
  const symbol = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = symbol.modules.size;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, column) => symbol.modules.get(row, column) === 1));
}

/**
 * Lays a document out for one printer profile: text wrapped to the paper's columns at its
 * magnification, pairs and rules spread over the line. The encoder and the preview both draw from
 * this, so the preview shows the line breaks the printer will make.
 */
export function layout(document: PrintDocument, profile: PrinterProfile): LaidOut[] {
  return document.blocks.flatMap((block) => layoutBlock(block, profile));
}

function layoutBlock(block: PrintBlock, profile: PrinterProfile): LaidOut[] {
  switch (block.kind) {
    case 'text': {
      const columns = Math.floor(profile.columns / block.width);
      return wrapText(block.text, columns).map((text) => ({
        kind: 'line',
        text,
        align: block.align,
        width: block.width,
        height: block.height,
        bold: block.bold,
      }));
    }
    case 'pair': {
      const gap = profile.columns - textColumns(block.left) - textColumns(block.right);
      const line = (text: string, align: Align): LaidOut => ({ kind: 'line', text, align, width: 1, height: 1, bold: block.bold });
      if (gap >= 1) return [line(block.left + ' '.repeat(gap) + block.right, 'left')];
      return [
        ...wrapText(block.left, profile.columns).map((text) => line(text, 'left')),
        ...wrapText(block.right, profile.columns).map((text) => line(text, 'right')),
      ];
    }
    case 'rule':
      return [
        {
          kind: 'line',
          text: block.char.repeat(Math.floor(profile.columns / textColumns(block.char))),
          align: 'left',
          width: 1,
          height: 1,
          bold: false,
        },
      ];
    case 'qr':
      return [{ kind: 'qr', data: block.data, moduleSize: block.moduleSize, align: block.align }];
    case 'barcode':
      return [{ kind: 'barcode', data: block.data, height: block.height }];
    case 'image':
      return [{ kind: 'image', width: block.width, height: block.height, bits: Buffer.from(block.bits, 'base64') }];
    case 'feed':
      return [{ kind: 'feed', lines: block.lines }];
    case 'cut':
      return [{ kind: 'cut' }];
  }
}

/** A QR matrix as a 1-bit raster with a quiet zone, scaled by the module size: the image fallback for printers without GS ( k. */
export function qrRaster(modules: boolean[][], moduleSize: number, quietModules = 4): { width: number; height: number; bits: Buffer } {
  const count = modules.length + quietModules * 2;
  const size = count * moduleSize;
  const width = Math.ceil(size / 8) * 8;
  const bits = Buffer.alloc((width / 8) * size);
  for (let y = 0; y < size; y++) {
    const row = Math.floor(y / moduleSize) - quietModules;
    for (let x = 0; x < size; x++) {
      const column = Math.floor(x / moduleSize) - quietModules;
      if (modules[row]?.[column]) bits[y * (width / 8) + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height: size, bits };
}
