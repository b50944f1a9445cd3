import { useTranslation } from 'react-i18next';
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import type { CaptureClient } from './capture-client.js';
import type { Quad } from './raster.js';

export interface CapturedPage {
  jpeg: Uint8Array;
  width: number;
  height: number;
  url: string;
  /** How long the worker took to deskew and encode it, for the bench. */
  workerMs?: number;
}

const PREVIEW_WIDTH = 640;

/** Chromium's ImageCapture and MediaStreamTrackProcessor, not yet in TypeScript's DOM types. */
declare const ImageCapture: { new (track: MediaStreamTrack): { grabFrame(): Promise<ImageBitmap> } } | undefined;
declare const MediaStreamTrackProcessor: { new (init: { track: MediaStreamTrack }): { readable: ReadableStream<VideoFrame> } } | undefined;

/**
 * The camera's current frame at its full resolution, taken from the track itself: drawing the <video>
 * gives a black frame at full size in Chromium without a GPU. A VideoFrame (from a clone of the track,
 * so the live view runs on) goes to the worker without a copy; ImageCapture's bitmap is the fallback.
 */
async function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap | VideoFrame> {
  const track = (video.srcObject as MediaStream | null)?.getVideoTracks()[0];
  if (track && typeof MediaStreamTrackProcessor !== 'undefined') {
    const clone = track.clone();
    try {
      const { value } = await new MediaStreamTrackProcessor({ track: clone }).readable.getReader().read();
      if (value) return value;
    } finally {
      clone.stop();
    }
  }
  if (track && typeof ImageCapture !== 'undefined') return new ImageCapture(track).grabFrame();
  return createImageBitmap(video);
}

/** Corners a little inside the frame, for when no page is found: the clerk drags them onto it. */
const inset = (width: number, height: number): Quad => [
  { x: width * 0.1, y: height * 0.1 },
  { x: width * 0.9, y: height * 0.1 },
  { x: width * 0.9, y: height * 0.9 },
  { x: width * 0.1, y: height * 0.9 },
];

/**
 * The document camera (高拍仪): pick the camera, see it live at its highest resolution, take a still,
 * check the page's corners found by the worker (drag any that are wrong), and keep the deskewed page.
 */
export function DocumentCamera({ capture, onPage }: { capture: CaptureClient; onPage(page: CapturedPage): void }) {
  const { t } = useTranslation('counter');
  const video = useRef<HTMLVideoElement>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  /** The still being checked: the worker holds its pixels; the page has a preview and the frame's size. */
  const [still, setStill] = useState<{ frame: { width: number; height: number }; url: string; quad: Quad; found: boolean }>();

  // A preview's object URL goes when the still does.
  useEffect(() => {
    if (!still) return;
    const url = still.url;
    return () => URL.revokeObjectURL(url);
  }, [still?.url]);
  const dragging = useRef<number | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let live = true;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: { ...(cameraId ? { deviceId: { exact: cameraId } } : {}), width: { ideal: 4096 }, height: { ideal: 3072 } },
        });
        if (!live) return stream.getTracks().forEach((track) => track.stop());
        if (video.current) video.current.srcObject = stream;
        setCameras((await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput'));
        setError(undefined);
      } catch (failure) {
        const name = (failure as DOMException).name;
        setError(
          name === 'NotFoundError' || name === 'OverconstrainedError'
            ? t('camera.notFound')
            : name === 'NotAllowedError'
              ? t('camera.denied')
              : t('camera.cannotOpen', { detail: (failure as Error).message }),
        );
      }
    })();
    return () => {
      live = false;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [cameraId]);

  async function takeStill() {
    if (!video.current || video.current.videoWidth === 0) return;
    setBusy(true);
    try {
      const { quad, preview, width, height } = await capture.detect(await grabFrame(video.current), PREVIEW_WIDTH);
      const url = URL.createObjectURL(new Blob([preview], { type: 'image/jpeg' }));
      setStill({ frame: { width, height }, url, quad: quad ?? inset(width, height), found: quad !== null });
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function keep() {
    if (!still) return;
    setBusy(true);
    try {
      const page = await capture.crop(still.quad);
      const jpeg = new Uint8Array(page.jpeg);
      onPage({
        jpeg,
        width: page.width,
        height: page.height,
        url: URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' })),
        workerMs: Math.round(page.ms),
      });
      setStill(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function drag(event: ReactPointerEvent<SVGSVGElement>) {
    if (dragging.current === null || !still) return;
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * still.frame.width;
    const y = ((event.clientY - box.top) / box.height) * still.frame.height;
    const quad = [...still.quad] as Quad;
    quad[dragging.current] = { x: Math.min(still.frame.width, Math.max(0, x)), y: Math.min(still.frame.height, Math.max(0, y)) };
    setStill({ ...still, quad });
  }

  return (
    <div className="document-camera">
      <ErrorBanner inline message={error} />
      {cameras.length > 1 && (
        <label>
          {t('camera.camera')}{' '}
          <select value={cameraId ?? ''} onChange={(event) => setCameraId(event.target.value || undefined)}>
            {cameras.map((camera, index) => (
              <option key={camera.deviceId} value={camera.deviceId}>
                {camera.label || t('camera.cameraN', { n: index + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      <video ref={video} autoPlay muted playsInline hidden={Boolean(still)} style={{ width: PREVIEW_WIDTH, maxWidth: '100%' }} />
      {still && (
        <div className="still" style={{ position: 'relative', width: PREVIEW_WIDTH, maxWidth: '100%' }}>
          <img src={still.url} alt={t('camera.still')} style={{ width: '100%', display: 'block' }} />
          <svg
            viewBox={`0 0 ${still.frame.width} ${still.frame.height}`}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', touchAction: 'none' }}
            onPointerMove={drag}
            onPointerUp={() => (dragging.current = null)}
            data-testid="crop-corners"
            data-quad={JSON.stringify(still.quad.map((p) => [Math.round(p.x), Math.round(p.y)]))}
            data-found={still.found}
          >
            <polygon
              points={still.quad.map((p) => `${p.x},${p.y}`).join(' ')}
              fill="rgba(0,120,255,0.15)"
              stroke="#0078ff"
              strokeWidth={still.frame.width / 200}
            />
            {still.quad.map((p, index) => (
              <circle
                key={index}
                cx={p.x}
                cy={p.y}
                r={still.frame.width / 40}
                fill="#0078ff"
                onPointerDown={() => (dragging.current = index)}
                aria-label={t('camera.corner', { n: index + 1 })}
              />
            ))}
          </svg>
        </div>
      )}
      <div className="button-row">
        {still ? (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void keep()} data-testid="crop-confirm">
              {t('camera.keep')}
            </button>
            <button type="button" disabled={busy} onClick={() => setStill(undefined)}>
              {t('camera.retake')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={busy || Boolean(error)}
            onClick={() => void takeStill()}
            data-testid="camera-capture"
          >
            {t('camera.capture')}
          </button>
        )}
      </div>
    </div>
  );
}
