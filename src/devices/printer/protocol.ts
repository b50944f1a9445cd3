import iconv from 'iconv-lite';
import type { PrintDocument } from './document.js';
import { layout, qrModules, qrRaster, type Align, type LaidOut } from './layout.js';
import type { PrinterProfile } from './profiles.js';

/** ESC/POS command bytes, named. */
export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const DLE = 0x10;
export const LF = 0x0a;

const ALIGN_CODE: Record<Align, number> = { left: 0, center: 1, right: 2 };

/**
 * Text for the printer's code page. GBK has no ¥ (U+00A5), so it prints the full-width ￥ that it
 * has; GB18030 encodes every character. Characters outside the code page print as "?".
 */
export function encodeText(text: string, encoding: PrinterProfile['encoding']): Buffer {
  return iconv.encode(encoding === 'gbk' ? text.replaceAll('¥', '￥') : text, encoding);
}

export function rasterImage(width: number, height: number, bits: Buffer): Buffer {
  const bytesPerRow = width / 8;
  return Buffer.concat([Buffer.from([GS, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, height & 0xff, height >> 8]), bits]);
}

/** GS ( k: QR model 2, module size, error correction M, store the UTF-8 data, print it. */
export function nativeQr(data: string, moduleSize: number): Buffer {
  const payload = Buffer.from(data, 'utf8');
  const store = payload.length + 3;
  return Buffer.concat([
    Buffer.from([GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize]),
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]),
    Buffer.from([GS, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30]),
    payload,
    Buffer.from([GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

/** Encodes a document for one printer profile: Chinese mode on for the whole job, state changes only when they change. */
export function encodeEscPos(document: PrintDocument, profile: PrinterProfile): Buffer {
  const out: Buffer[] = [Buffer.from([ESC, 0x40, FS, 0x26])];
  let align: Align = 'left';
  let size = 0;
  let bold = false;
  const setAlign = (next: Align) => {
    if (next !== align) out.push(Buffer.from([ESC, 0x61, ALIGN_CODE[next]]));
    align = next;
  };
  const emit = (item: LaidOut) => {
    switch (item.kind) {
      case 'line': {
        setAlign(item.align);
        const nextSize = ((item.width - 1) << 4) | (item.height - 1);
        if (nextSize !== size) out.push(Buffer.from([GS, 0x21, nextSize]));
        size = nextSize;
        if (item.bold !== bold) out.push(Buffer.from([ESC, 0x45, item.bold ? 1 : 0]));
        bold = item.bold;
        out.push(encodeText(item.text, profile.encoding), Buffer.from([LF]));
        return;
      }
      case 'qr':
        setAlign(item.align);
        if (profile.qr === 'native') out.push(nativeQr(item.data, item.moduleSize));
        else {
          const modules = qrModules(item.data);
          const raster = qrRaster(modules, Math.min(item.moduleSize, Math.floor(profile.dots / (modules.length + 8))));
          out.push(rasterImage(raster.width, raster.height, raster.bits));
        }
        out.push(Buffer.from([LF]));
        return;
      case 'barcode': {
        setAlign('center');
        const data = Buffer.from(`{B${item.data}`, 'ascii');
        out.push(
          Buffer.from([GS, 0x68, item.height, GS, 0x48, 0x02, GS, 0x77, 0x02, GS, 0x6b, 0x49, data.length]),
          data,
          Buffer.from([LF]),
        );
        return;
      }
      case 'image':
        setAlign('center');
        out.push(rasterImage(item.width, item.height, item.bits));
        return;
      case 'feed':
        out.push(Buffer.from([ESC, 0x64, item.lines]));
        return;
      case 'cut':
        out.push(profile.cut ? Buffer.from([GS, 0x56, 0x42, 0x03]) : Buffer.from([ESC, 0x64, 0x04]));
        return;
    }
  };
  for (const item of layout(document, profile)) emit(item);
  out.push(Buffer.from([FS, 0x2e]));
  return Buffer.concat(out);
}
