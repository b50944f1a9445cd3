/** RGBA pixels, as ImageData holds them; plain so the same code runs in a worker, the page and tests. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export interface Point {
  x: number;
  y: number;
}

/** The document's corners: top-left, top-right, bottom-right, bottom-left. */
export type Quad = [Point, Point, Point, Point];
