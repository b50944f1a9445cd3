import { describe, expect, it } from 'vitest';
import { findDocument } from '../../../src/renderer/capture/find-document.js';
import { outputSize, warpToRectangle } from '../../../src/renderer/capture/perspective.js';
import type { Quad } from '../../../src/renderer/capture/raster.js';
import { meanDifference, photograph, renderPage } from './photographed-page.js';

const page = renderPage(420, 594);
const TILTED: Quad = [
  { x: 210, y: 90 },
  { x: 690, y: 140 },
  { x: 650, y: 820 },
  { x: 140, y: 760 },
];

describe('document camera pipeline', () => {
  it('finds the corners of a page photographed at an angle, within 1.5 % of the frame', () => {
    const frame = photograph(page, 900, 900, TILTED);
    const found = findDocument(frame)!;
    for (let i = 0; i < 4; i++) {
      expect(Math.hypot(found[i]!.x - TILTED[i]!.x, found[i]!.y - TILTED[i]!.y)).toBeLessThan(900 * 0.015);
    }
  });

  it('deskews the page back to an upright A4 that matches the original', () => {
    const frame = photograph(page, 900, 900, TILTED);
    const size = outputSize(findDocument(frame)!, 2000);
    expect(size.height / size.width).toBeCloseTo(Math.SQRT2, 2);
    const upright = warpToRectangle(frame, findDocument(frame)!, 420, 594);
    expect(meanDifference(upright, page)).toBeLessThan(12);
  });

  it('finds nothing in a frame without a page', () => {
    const empty = photograph(page, 300, 300, [
      { x: -10, y: -10 },
      { x: -5, y: -10 },
      { x: -5, y: -5 },
      { x: -10, y: -5 },
    ]);
    expect(findDocument(empty)).toBeNull();
  });
});
