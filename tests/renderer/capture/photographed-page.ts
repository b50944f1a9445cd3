import { projector } from '../../../src/renderer/capture/perspective.js';
import type { Quad, Raster } from '../../../src/renderer/capture/raster.js';

/** A page: white, with dark lines of "text" and a black box at its top-left, so orientation shows. */
export function renderPage(width: number, height: number): Raster {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const line = Math.floor(y / (height / 30));
      const inText = line > 3 && line % 2 === 0 && x > width * 0.1 && x < width * (line % 4 === 0 ? 0.9 : 0.7);
      const inBox = x < width * 0.25 && y < height * 0.08 && x > width * 0.05 && y > height * 0.02;
      const value = inText || inBox ? 30 : 235;
      data.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** The page as a camera above a desk sees it: dark desk, the page at `quad`. */
export function photograph(page: Raster, frameWidth: number, frameHeight: number, quad: Quad): Raster {
  const toPage = projector(quad, [
    { x: 0, y: 0 },
    { x: page.width, y: 0 },
    { x: page.width, y: page.height },
    { x: 0, y: page.height },
  ]);
  const data = new Uint8ClampedArray(frameWidth * frameHeight * 4);
  for (let y = 0; y < frameHeight; y++) {
    for (let x = 0; x < frameWidth; x++) {
      const p = toPage({ x: x + 0.5, y: y + 0.5 });
      const inside = p.x >= 0 && p.y >= 0 && p.x < page.width && p.y < page.height;
      const o = (y * frameWidth + x) * 4;
      if (inside) {
        const i = (Math.floor(p.y) * page.width + Math.floor(p.x)) * 4;
        data.set([page.data[i]!, page.data[i + 1]!, page.data[i + 2]!, 255], o);
      } else {
        data.set([55, 48, 40, 255], o);
      }
    }
  }
  return { width: frameWidth, height: frameHeight, data };
}

/** Mean absolute difference of brightness, 0–255, between two rasters of the same size. */
export function meanDifference(a: Raster, b: Raster): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / (a.data.length / 4);
}
