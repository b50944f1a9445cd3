import type { Quad } from './raster.js';

/** Between the page and the capture worker: all the heavy image work happens there, so the preview never stutters. */
/** The worker's failure when asked to crop before a still was taken; the page words it. */
export const NO_STILL = 'no still to crop';

export type CaptureRequest =
  /** The worker keeps (a copy of) the still for the crop that follows; the page gets a small preview. */
  | { id: number; kind: 'detect'; frame: ImageBitmap | VideoFrame; previewWidth: number }
  | { id: number; kind: 'crop'; quad: Quad; maxSide: number; maxBytes: number };

export type CaptureReply =
  | { id: number; kind: 'detected'; quad: Quad | null; preview: ArrayBuffer; width: number; height: number }
  | { id: number; kind: 'cropped'; jpeg: ArrayBuffer; width: number; height: number; quality: number; ms: number }
  | { id: number; kind: 'failed'; message: string };
