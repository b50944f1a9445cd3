import { z } from 'zod';

/**
 * What a slip says, independent of any printer: the templates build it, the ESC/POS encoder prints it,
 * the preview renderer draws it, and the print queue stores it.
 */
const align = z.enum(['left', 'center', 'right']).default('left');
const magnification = z.number().int().min(1).max(4).default(1);

export const PrintBlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    align,
    width: magnification,
    height: magnification,
    bold: z.boolean().default(false),
  }),
  /** A label on the left and a value on the right of one line, e.g. "受理时间 …… 2026-11-27 09:30". */
  z.object({ kind: z.literal('pair'), left: z.string(), right: z.string(), bold: z.boolean().default(false) }),
  z.object({ kind: z.literal('rule'), char: z.string().length(1).default('-') }),
  z.object({
    kind: z.literal('qr'),
    data: z.string().min(1).max(700),
    moduleSize: z.number().int().min(2).max(16).default(6),
    align: align.default('center'),
  }),
  z.object({
    kind: z.literal('barcode'),
    data: z.string().regex(/^[\x20-\x7e]{1,40}$/),
    height: z.number().int().min(24).max(255).default(80),
  }),
  /** A 1-bit raster, row-major, 8 pixels a byte, most significant bit first; 1 is black. */
  z.object({
    kind: z.literal('image'),
    width: z.number().int().min(8).max(576),
    height: z.number().int().min(1).max(2400),
    bits: z.base64(),
  }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(20) }),
  z.object({ kind: z.literal('cut') }),
]);
export type PrintBlock = z.infer<typeof PrintBlockSchema>;
export type PrintBlockInput = z.input<typeof PrintBlockSchema>;

export const PrintDocumentSchema = z.object({ blocks: z.array(PrintBlockSchema) });
export type PrintDocument = z.infer<typeof PrintDocumentSchema>;

/** Builds a document from blocks written with their defaults left out. */
export function printDocument(blocks: PrintBlockInput[]): PrintDocument {
  return PrintDocumentSchema.parse({ blocks });
}
