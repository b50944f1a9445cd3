/// <reference lib="webworker" />
import { findDocument } from './find-document.js';
import { outputSize, warpToRectangle } from './perspective.js';
import type { Quad, Raster } from './raster.js';
import type { CaptureReply, CaptureRequest } from './capture-messages.js';

/** Detection works on a copy this size: enough for corners, quick on a full camera frame. */
const DETECT_SIDE = 800;

function pixels(frame: ImageBitmap, scale: number): Raster {
  const width = Math.round(frame.width * scale);
  const height = Math.round(frame.height * scale);
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

self.onmessage = async (event: MessageEvent<CaptureRequest>) => {
  const request = event.data;
  const started = performance.now();
  try {
    let reply: CaptureReply;
    if (request.kind === 'detect') {
      const scale = Math.min(1, DETECT_SIDE / Math.max(request.frame.width, request.frame.height));
      const quad = findDocument(pixels(request.frame, scale));
      reply = { id: request.id, kind: 'detected', quad: quad && (quad.map((p) => ({ x: p.x / scale, y: p.y / scale })) as Quad) };
    } else {
      const size = outputSize(request.quad, request.maxSide);
      const page = warpToRectangle(pixels(request.frame, 1), request.quad, size.width, size.height);
      const { jpeg, quality } = await encode(page, request.maxBytes);
      reply = { id: request.id, kind: 'cropped', jpeg, width: size.width, height: size.height, quality, ms: performance.now() - started };
      (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply, [jpeg]);
      return;
    }
    (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);
  } catch (error) {
    (self as unknown as DedicatedWorkerGlobalScope).postMessage({ id: request.id, kind: 'failed', message: (error as Error).message } satisfies CaptureReply);
  }
};
