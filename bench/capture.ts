import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../scripts/demo.js';
import { writeFakeCamera } from '../tests/e2e/fake-camera.js';
import { percentile, round, writeResults } from './results-file.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../tests/chromium.js';

const RUNS = 8;
/** 1280×960 × 2.55 = 3264×2448, an 8-megapixel 高拍仪. */
const SCALE = 2.55;

/**
 * A camera still to a cropped JPEG, through the counter page as a clerk uses it: Chromium's fake
 * camera plays an 8-megapixel frame of a tilted page; the still is taken, the worker finds the page,
 * then deskews and encodes it.
 */
export async function benchCapture(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bench-capture-'));
  const camera = join(dataDir, 'camera.y4m');
  writeFakeCamera(camera, SCALE);
  const demo = await startDemo({ dataDir, freePrinterPorts: true });
  const counterUrl = demo.terminals.map((terminal) => terminal.server.urls.counter).find(Boolean)!;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(camera)],
  });
  const total: number[] = [];
  const worker: number[] = [];
  let frame = '';
  let bytes = 0;
  try {
    const page = await browser.newPage();
    await page.goto(counterUrl);
    const capture = page.getByRole('region', { name: /材料采集/ });
    await capture
      .locator('video')
      .evaluate(
        (video: HTMLVideoElement) =>
          new Promise((resolve) => (video.readyState >= 3 ? resolve(null) : video.addEventListener('canplay', resolve, { once: true }))),
      );
    frame = await capture.locator('video').evaluate((video: HTMLVideoElement) => `${video.videoWidth}×${video.videoHeight}`);
    for (let run = 0; run <= RUNS; run++) {
      const t0 = performance.now();
      await capture.getByTestId('camera-capture').click();
      await capture.getByTestId('crop-confirm').click();
      const page_ = capture.getByTestId('captured-page').nth(run);
      await page_.waitFor();
      const elapsed = performance.now() - t0;
      if (run === 0) continue;
      total.push(elapsed);
      worker.push(Number(await page_.getAttribute('data-worker-ms')));
      bytes = Math.max(bytes, Number(await page_.getAttribute('data-bytes')));
    }
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  total.sort((a, b) => a - b);
  worker.sort((a, b) => a - b);
  return writeResults(
    'capture',
    {
      frame,
      runs: RUNS,
      stillToJpeg: {
        p50Ms: round(percentile(total, 50), 0),
        maxMs: round(total.at(-1)!, 0),
        note: 'click 拍照 → corners found → click 确认 → page shown (two UI round trips included)',
      },
      workerDeskewAndEncode: { p50Ms: percentile(worker, 50), maxMs: worker.at(-1) },
      largestPageBytes: bytes,
    },
    [
      { figure: 'stillToJpeg.maxMs', limit: 1500, unit: 'ms (at most)', met: total.at(-1)! <= 1500 },
      { figure: 'largestPageBytes', limit: 500 * 1024, unit: 'bytes (at most)', met: bytes <= 500 * 1024 },
    ],
  );
}
