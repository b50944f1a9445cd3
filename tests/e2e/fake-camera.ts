import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Quad, Raster } from '../../src/renderer/capture/raster.js';
import { photograph, renderPage } from '../renderer/capture/photographed-page.js';

/** Where Chromium's fake camera reads its video (playwright.config.ts passes it at launch). */
export const FAKE_CAMERA_FILE = join(tmpdir(), 'onewindow-fake-camera.y4m');
export const CAMERA_WIDTH = 1280;
export const CAMERA_HEIGHT = 960;
/** Where the page lies in the camera's frame: an A4 turned 8° with a little keystone, as a 高拍仪 sees it. */
export const PAGE_IN_FRAME: Quad = [
  { x: 474, y: 143 },
  { x: 892, y: 201 },
  { x: 815, y: 819 },
  { x: 379, y: 757 },
];
export const PAGE = renderPage(420, 594);

/** RGBA to a one-frame Y4M (4:2:0, full-range BT.601), the format Chromium's fake capture device plays. */
function y4m(frame: Raster): Buffer {
  const { width, height, data } = frame;
  const y = Buffer.alloc(width * height);
  const u = Buffer.alloc((width / 2) * (height / 2));
  const v = Buffer.alloc((width / 2) * (height / 2));
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = (row * width + col) * 4;
      y[row * width + col] = Math.round(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
      if (row % 2 === 0 && col % 2 === 0) {
        const c = (row / 2) * (width / 2) + col / 2;
        u[c] = Math.round(128 - 0.168736 * data[i]! - 0.331264 * data[i + 1]! + 0.5 * data[i + 2]!);
        v[c] = Math.round(128 + 0.5 * data[i]! - 0.418688 * data[i + 1]! - 0.081312 * data[i + 2]!);
      }
    }
  }
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`), y, u, v]);
}

/** A rendered page photographed at an angle on a dark desk, as the fake camera's only frame; `scale` makes a bigger camera. */
export function writeFakeCamera(file = FAKE_CAMERA_FILE, scale = 1): void {
  const quad = PAGE_IN_FRAME.map((p) => ({ x: p.x * scale, y: p.y * scale })) as Quad;
  writeFileSync(
    file,
    y4m(
      photograph(
        renderPage(Math.round(420 * scale), Math.round(594 * scale)),
        Math.round(CAMERA_WIDTH * scale),
        Math.round(CAMERA_HEIGHT * scale),
        quad,
      ),
    ),
  );
}
