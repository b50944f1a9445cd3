import type { Point, Quad, Raster } from './raster.js';

/** Solves the 8×8 system for the homography that maps the output rectangle onto the quad. */
function homography(from: Point[], to: Point[]): number[] {
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y]);
    b.push(v);
  }
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let row = col + 1; row < 8; row++) if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    for (let row = 0; row < 8; row++) {
      if (row === col) continue;
      const factor = a[row]![col]! / a[col]![col]!;
      for (let k = col; k < 8; k++) a[row]![k]! -= factor * a[col]![k]!;
      b[row]! -= factor * b[col]!;
    }
  }
  return [...b.map((value, i) => value / a[i]![i]!), 1];
}

/** The projective map that takes the four `from` points to the four `to` points. */
export function projector(from: Point[], to: Point[]): (point: Point) => Point {
  const h = homography(from, to);
  return ({ x, y }) => {
    const w = h[6]! * x + h[7]! * y + 1;
    return { x: (h[0]! * x + h[1]! * y + h[2]!) / w, y: (h[3]! * x + h[4]! * y + h[5]!) / w };
  };
}

const distance = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

/**
 * The page's size in pixels from its corners, the long side at most `maxSide`. Edge lengths seen in
 * perspective understate the far side, so a shape within 8 % of A4 is taken as A4: nearly every
 * material at a counter is.
 */
export function outputSize(quad: Quad, maxSide: number): { width: number; height: number } {
  let width = (distance(quad[0], quad[1]) + distance(quad[3], quad[2])) / 2;
  let height = (distance(quad[0], quad[3]) + distance(quad[1], quad[2])) / 2;
  const ratio = Math.max(width, height) / Math.min(width, height);
  if (Math.abs(ratio - Math.SQRT2) / Math.SQRT2 < 0.08) {
    if (height >= width) height = width * Math.SQRT2;
    else width = height * Math.SQRT2;
  }
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The quad's content as an upright rectangle (deskewed), sampled bilinearly. */
export function warpToRectangle(source: Raster, quad: Quad, width: number, height: number): Raster {
  const h = homography(
    [
      { x: 0, y: 0 },
      { x: width, y: 0 },
      { x: width, y: height },
      { x: 0, y: height },
    ],
    quad,
  );
  const data = new Uint8ClampedArray(width * height * 4);
  const sw = source.width;
  const sh = source.height;
  const src = source.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      const w = h[6]! * cx + h[7]! * cy + 1;
      const sx = Math.min(sw - 1.001, Math.max(0, (h[0]! * cx + h[1]! * cy + h[2]!) / w - 0.5));
      const sy = Math.min(sh - 1.001, Math.max(0, (h[3]! * cx + h[4]! * cy + h[5]!) / w - 0.5));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const i00 = (y0 * sw + x0) * 4;
      const i10 = i00 + 4;
      const i01 = i00 + sw * 4;
      const i11 = i01 + 4;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! + (src[i10 + c]! - src[i00 + c]!) * fx;
        const bottom = src[i01 + c]! + (src[i11 + c]! - src[i01 + c]!) * fx;
        data[o + c] = top + (bottom - top) * fy;
      }
      data[o + 3] = 255;
    }
  }
  return { width, height, data };
}
