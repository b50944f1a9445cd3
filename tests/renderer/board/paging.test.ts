import { describe, expect, it } from 'vitest';
import { gridPages, pageOf } from '../../../src/renderer/board/paging.js';

const HD = { width: 1860, height: 320, rem: 20 };
const CELL = { minWidth: 22, height: 3.4, gap: 0.6 };

describe('the board’s grids', () => {
  it('puts a hall’s fourteen queues on one page of a 1920×1080 board, in even rows', () => {
    expect(gridPages(14, HD, CELL)).toEqual({ columns: 4, perPage: 16, pages: 1 });
    expect(gridPages(5, HD, CELL).columns).toBe(3);
  });

  it('is the same grid on a 4K board, where a rem is twice as many pixels', () => {
    expect(gridPages(14, { width: 3720, height: 640, rem: 40 }, CELL)).toEqual(gridPages(14, HD, CELL));
  });

  it('turns pages instead of shrinking cells when the queues do not fit, and every queue is on a page', () => {
    const layout = gridPages(60, HD, CELL);
    expect(layout).toEqual({ columns: 4, perPage: 16, pages: 4 });
    const shown = Array.from({ length: layout.pages }, (_, page) => pageOf([...Array(60).keys()], layout.perPage, page)).flat();
    expect(shown).toEqual([...Array(60).keys()]);
    expect(pageOf([...Array(60).keys()], 16, 4)).toEqual(pageOf([...Array(60).keys()], 16, 0));
  });

  it('keeps at least one cell in a box too small for any', () => {
    expect(gridPages(3, { width: 10, height: 10, rem: 20 }, CELL)).toEqual({ columns: 1, perPage: 1, pages: 3 });
    expect(gridPages(0, HD, CELL).pages).toBe(1);
  });
});
