/** A grid's cells, in rem: each at least `minWidth` wide, exactly `height` tall, `gap` apart. */
export interface CellSize {
  minWidth: number;
  height: number;
  gap: number;
}

export interface GridPages {
  columns: number;
  perPage: number;
  pages: number;
}

/**
 * How a list is laid out in a box (px, with the root font's px per rem) without shrinking a cell below
 * what can be read across the hall: as many columns and rows as fit, the columns evened out when one page
 * holds everything, and pages when it does not — nothing is ever cut off.
 */
export function gridPages(count: number, box: { width: number; height: number; rem: number }, cell: CellSize): GridPages {
  const fit = (room: number, size: number) => Math.max(1, Math.floor((room / box.rem + cell.gap) / (size + cell.gap)));
  const columns = fit(box.width, cell.minWidth);
  const rows = fit(box.height, cell.height);
  const perPage = columns * rows;
  if (count <= perPage) {
    const rowsUsed = Math.max(1, Math.ceil(count / columns));
    return { columns: Math.max(1, Math.ceil(count / rowsUsed)), perPage, pages: 1 };
  }
  return { columns, perPage, pages: Math.ceil(count / perPage) };
}

/** The items on page `page` (counted from 0; past the last page it starts again). */
export function pageOf<T>(items: readonly T[], perPage: number, page: number): T[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const start = (page % pages) * perPage;
  return items.slice(start, start + perPage);
}
