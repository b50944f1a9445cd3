import { i18next } from '../i18n/index.js';
import { NO_STILL, type CaptureReply, type CaptureRequest } from './capture-messages.js';
import type { Quad } from './raster.js';

/** A page at most this many bytes: readable A4, small enough to archive by the thousand. */
export const MAX_PAGE_BYTES = 500 * 1024;
/** The long side of a cropped page: about 200 dpi for A4. */
export const MAX_PAGE_SIDE = 2300;

type Reply<K extends CaptureReply['kind']> = Extract<CaptureReply, { kind: K }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** The capture worker, one per page that captures; calls answer in order of their ids. */
/** A worker failure in both halves, as the page's messages are worded ("中文 / English"), for ErrorBanner to show in the page's language. */
function failureMessage(detail: string): string {
  const words = (lng: 'zh-CN' | 'en') =>
    detail === NO_STILL ? i18next.t('counter:capture.noStill', { lng }) : i18next.t('counter:capture.failed', { lng, detail });
  return `${words('zh-CN')} / ${words('en')}`;
}

export function createCaptureClient() {
  const worker = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve(reply: CaptureReply): void; reject(error: Error): void }>();
  let next = 1;
  worker.onmessage = (event: MessageEvent<CaptureReply>) => {
    const entry = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if (!entry) return;
    if (event.data.kind === 'failed') entry.reject(new Error(failureMessage(event.data.message)));
    else entry.resolve(event.data);
  };

  function send<K extends CaptureReply['kind']>(request: WithoutId<CaptureRequest>, transfer: Transferable[] = []): Promise<Reply<K>> {
    const id = next++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (reply: CaptureReply) => void, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  return {
    /**
     * The worker keeps the frame for `crop` and sends back a small preview. A VideoFrame is handed over
     * (no copy); an ImageBitmap from ImageCapture is copied, because handing those over made every
     * third grab stall for about two seconds in Chromium (bench/capture).
     */
    detect: (frame: ImageBitmap | VideoFrame, previewWidth: number) =>
      send<'detected'>({ kind: 'detect', frame, previewWidth }, frame instanceof VideoFrame ? [frame] : []),
    /** Crops the still of the last `detect`. */
    crop: (quad: Quad) => send<'cropped'>({ kind: 'crop', quad, maxSide: MAX_PAGE_SIDE, maxBytes: MAX_PAGE_BYTES }),
    close: () => worker.terminate(),
  };
}
export type CaptureClient = ReturnType<typeof createCaptureClient>;
