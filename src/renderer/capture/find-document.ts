import type { Quad, Raster } from './raster.js';

const WORK_SIDE = 400;

/** Brightness of a downscaled copy, box-averaged so paper texture and noise wash out. */
function grayThumbnail(raster: Raster): { gray: Float32Array; width: number; height: number; scale: number } {
  const scale = Math.max(raster.width, raster.height) / WORK_SIDE;
  const width = Math.max(1, Math.round(raster.width / scale));
  const height = Math.max(1, Math.round(raster.height / scale));
  const gray = new Float32Array(width * height);
  const step = Math.max(1, Math.floor(scale / 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      const x0 = Math.floor(x * scale);
      const y0 = Math.floor(y * scale);
      for (let dy = 0; dy < scale && y0 + dy < raster.height; dy += step) {
        for (let dx = 0; dx < scale && x0 + dx < raster.width; dx += step) {
          const i = ((y0 + dy) * raster.width + x0 + dx) * 4;
          sum += 0.299 * raster.data[i]! + 0.587 * raster.data[i + 1]! + 0.114 * raster.data[i + 2]!;
          n++;
        }
      }
      gray[y * width + x] = n ? sum / n : 0;
    }
  }
  return { gray, width, height, scale };
}

/** Otsu's threshold: the brightness that best splits page from background. */
function otsu(gray: Float32Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of gray) histogram[Math.min(255, Math.max(0, Math.round(value)))]!++;
  const total = gray.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * histogram[i]!;
  let sumBack = 0;
  let weightBack = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightBack += histogram[t]!;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * histogram[t]!;
    const between = weightBack * weightFore * (sumBack / weightBack - (sumAll - sumBack) / weightFore) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

/**
 * Where the document is: the largest bright region (paper on a darker desk, as under a 高拍仪), its
 * corners taken as the extreme points along the diagonals. Null when no region covers a tenth of the
 * frame; the clerk then places the corners by hand.
 */
export function findDocument(raster: Raster): Quad | null {
  const { gray, width, height, scale } = grayThumbnail(raster);
  const threshold = otsu(gray);
  const label = new Int32Array(width * height).fill(-1);
  let bestLabel = -1;
  let bestSize = 0;
  const stack: number[] = [];
  for (let start = 0; start < gray.length; start++) {
    if (label[start] !== -1 || gray[start]! <= threshold) continue;
    let size = 0;
    label[start] = start;
    stack.push(start);
    while (stack.length) {
      const at = stack.pop()!;
      size++;
      const x = at % width;
      const y = (at - x) / width;
      for (const next of [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, y > 0 ? at - width : -1, y < height - 1 ? at + width : -1]) {
        if (next >= 0 && label[next] === -1 && gray[next]! > threshold) {
          label[next] = start;
          stack.push(next);
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = start;
    }
  }
  if (bestSize < gray.length / 10) return null;
  let tl = { x: 0, y: 0, v: Infinity };
  let br = { x: 0, y: 0, v: -Infinity };
  let tr = { x: 0, y: 0, v: -Infinity };
  let bl = { x: 0, y: 0, v: Infinity };
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== bestLabel) continue;
    const x = i % width;
    const y = (i - x) / width;
    if (x + y < tl.v) tl = { x, y, v: x + y };
    if (x + y > br.v) br = { x, y, v: x + y };
    if (x - y > tr.v) tr = { x, y, v: x - y };
    if (x - y < bl.v) bl = { x, y, v: x - y };
  }
  // Thumbnail pixel centres back to frame coordinates; the far corners reach the pixel's far edge.
  const back = (p: { x: number; y: number }, dx: number, dy: number) => ({
    x: Math.min(raster.width, (p.x + dx) * scale),
    y: Math.min(raster.height, (p.y + dy) * scale),
  });
  return [back(tl, 0, 0), back(tr, 1, 0), back(br, 1, 1), back(bl, 0, 1)];
}
