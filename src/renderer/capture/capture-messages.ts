import type { Quad } from './raster.js';

/** Between the page and the capture worker: all the heavy image work happens there, so the preview never stutters. */
export type CaptureRequest =
  | { id: number; kind: 'detect'; frame: ImageBitmap }
  | { id: number; kind: 'crop'; frame: ImageBitmap; quad: Quad; maxSide: number; maxBytes: number };

export type CaptureReply =
  | { id: number; kind: 'detected'; quad: Quad | null }
  | { id: number; kind: 'cropped'; jpeg: ArrayBuffer; width: number; height: number; quality: number; ms: number }
  | { id: number; kind: 'failed'; message: string };
