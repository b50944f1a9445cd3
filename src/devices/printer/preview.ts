import { renderAsync } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';
import { qrModules, type Align, type LaidOut } from './layout.js';
import { textColumns } from './width.js';

/**
 * Draws what a printer would print, dot for dot at 203 dpi: one column of the 12×24 font is 12 dots,
 * a line 30 dots (the default line spacing). The encoder and the virtual printer's decoder both
 * produce laid-out items, so a preview of a job and a picture of what the virtual printer received
 * are drawn the same way.
 */
const COLUMN = 12;
const LINE = 30;
const FONT = 'Noto Sans Mono CJK SC';
/** Debian's fonts-noto-cjk; elsewhere the system's fonts are searched for the family. */
const FONT_FILES = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function x(align: Align, contentWidth: number, paperDots: number): number {
  if (align === 'center') return Math.max(0, (paperDots - contentWidth) / 2);
  if (align === 'right') return Math.max(0, paperDots - contentWidth);
  return 0;
}

export function previewSvg(items: readonly LaidOut[], paperDots: number): string {
  const parts: string[] = [];
  let y = 8;
  for (const item of items) {
    switch (item.kind) {
      case 'line': {
        const width = textColumns(item.text) * COLUMN * item.width;
        const left = x(item.align, width, paperDots);
        const baseline = y + 24 * item.height - 4 * item.height;
        parts.push(
          `<text transform="translate(${left} ${baseline}) scale(${item.width} ${item.height})" font-size="24" font-family="${FONT}" font-weight="${item.bold ? 700 : 400}" xml:space="preserve">${escape(item.text)}</text>`,
        );
        y += LINE * item.height;
        break;
      }
      case 'qr': {
        const modules = qrModules(item.data);
        const size = modules.length * item.moduleSize;
        const left = x(item.align, size, paperDots);
        const top = y + 4 * item.moduleSize;
        const path = modules
          .flatMap((row, r) =>
            row.map((dark, c) =>
              dark
                ? `M${left + c * item.moduleSize} ${top + r * item.moduleSize}h${item.moduleSize}v${item.moduleSize}h-${item.moduleSize}z`
                : '',
            ),
          )
          .join('');
        parts.push(`<path d="${path}" fill="black"/>`);
        y += size + 8 * item.moduleSize;
        break;
      }
      case 'image': {
        const left = x('center', item.width, paperDots);
        const bytesPerRow = item.width / 8;
        const path: string[] = [];
        for (let row = 0; row < item.height; row++) {
          for (let column = 0; column < item.width; column++) {
            if (item.bits[row * bytesPerRow + (column >> 3)]! & (0x80 >> (column & 7))) path.push(`M${left + column} ${y + row}h1v1h-1z`);
          }
        }
        parts.push(`<path d="${path.join('')}" fill="black"/>`);
        y += item.height;
        break;
      }
      case 'barcode': {
        // The bars themselves are the printer's to draw; the preview shows the symbol's place and its human-readable text.
        const left = x('center', 300, paperDots);
        parts.push(
          `<rect x="${left}" y="${y}" width="300" height="${item.height}" fill="none" stroke="black" stroke-dasharray="6 4"/>`,
          `<text x="${left + 150}" y="${y + item.height / 2 + 8}" text-anchor="middle" font-size="20" font-family="${FONT}">CODE128</text>`,
          `<text x="${left + 150}" y="${y + item.height + 24}" text-anchor="middle" font-size="24" font-family="${FONT}">${escape(item.data)}</text>`,
        );
        y += item.height + LINE;
        break;
      }
      case 'feed':
        y += LINE * item.lines;
        break;
      case 'cut':
        parts.push(`<line x1="0" x2="${paperDots}" y1="${y + 10}" y2="${y + 10}" stroke="#888" stroke-dasharray="8 6"/>`);
        y += 24;
        break;
    }
  }
  const height = Math.ceil(y + 8);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${paperDots}" height="${height}" viewBox="0 0 ${paperDots} ${height}"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`;
}

/**
 * Off the event loop (resvg's thread pool): loading the CJK fonts and drawing take about half a second,
 * in which a virtual printer must still answer the next job's status query as a real one does.
 */
export async function previewPng(items: readonly LaidOut[], paperDots: number): Promise<Buffer> {
  const fontFiles = FONT_FILES.filter((file) => existsSync(file));
  const image = await renderAsync(previewSvg(items, paperDots), {
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: FONT },
    background: 'white',
  });
  return image.asPng();
}
