/// <reference lib="webworker" />
import { findDocument } from './find-document.js';
import { outputSize, warpToRectangle } from './perspective.js';
import type { Quad, Raster } from './raster.js';
import { NO_STILL, type CaptureReply, type CaptureRequest } from './capture-messages.js';

/** Detection works on a copy this size: enough for corners, quick on a full camera frame. */
const DETECT_SIDE = 800;

type Still = ImageBitmap | VideoFrame;
const sizeOf = (frame: Still) =>
  'displayWidth' in frame ? { width: frame.displayWidth, height: frame.displayHeight } : { width: frame.width, height: frame.height };

function pixels(frame: Still, scale: number): Raster {
  const width = Math.round(sizeOf(frame).width * scale);
  const height = Math.round(sizeOf(frame).height * scale);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(frame, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/** The smallest quality step that fits: a readable page, at most `maxBytes` for the archive. */
async function encode(page: Raster, maxBytes: number): Promise<{ jpeg: ArrayBuffer; quality: number }> {
  const canvas = new OffscreenCanvas(page.width, page.height);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(page.data), page.width, page.height), 0, 0);
  let blob: Blob | null = null;
  let quality = 0.85;
  for (; quality >= 0.35; quality -= 0.1) {
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    if (blob.size <= maxBytes) break;
  }
  return { jpeg: await blob!.arrayBuffer(), quality: Math.max(0.35, Math.round(quality * 100) / 100) };
}

/** A preview of the still for the page to show: scaling and encoding an 8-megapixel frame there would freeze it. */
async function preview(frame: Still, width: number): Promise<ArrayBuffer> {
  const size = sizeOf(frame);
  const canvas = new OffscreenCanvas(width, Math.round((size.height / size.width) * width));
  canvas.getContext('2d')!.drawImage(frame, 0, 0, canvas.width, canvas.height);
  return (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer();
}

/** The still being checked: the page handed it over at detect; the crop uses it and lets it go. */
let still: Still | null = null;

self.onmessage = async (event: MessageEvent<CaptureRequest>) => {
  const request = event.data;
  const started = performance.now();
  const post = (reply: CaptureReply, transfer: Transferable[] = []) =>
    (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, transfer);
  try {
    if (request.kind === 'detect') {
      still?.close();
      still = request.frame;
      const { width, height } = sizeOf(still);
      const scale = Math.min(1, DETECT_SIDE / Math.max(width, height));
      const quad = findDocument(pixels(still, scale));
      const shown = await preview(still, request.previewWidth);
      post(
        {
          id: request.id,
          kind: 'detected',
          quad: quad && (quad.map((p) => ({ x: p.x / scale, y: p.y / scale })) as Quad),
          preview: shown,
          width,
          height,
        },
        [shown],
      );
      return;
    }
    if (!still) throw new Error(NO_STILL);
    const size = outputSize(request.quad, request.maxSide);
    const page = warpToRectangle(pixels(still, 1), request.quad, size.width, size.height);
    still.close();
    still = null;
    const { jpeg, quality } = await encode(page, request.maxBytes);
    post({ id: request.id, kind: 'cropped', jpeg, width: size.width, height: size.height, quality, ms: performance.now() - started }, [
      jpeg,
    ]);
  } catch (error) {
    (self as unknown as DedicatedWorkerGlobalScope).postMessage({
      id: request.id,
      kind: 'failed',
      message: (error as Error).message,
    } satisfies CaptureReply);
  }
};
