import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { gridPages, pageOf, type CellSize } from './paging.js';

/** Long enough to find one's number on a page, short enough that no queue waits long to be shown. */
export const PAGE_MS = 8_000;

/**
 * A list laid out in the element `ref` points at, in cells of `cell`, turning its pages by itself when
 * the list does not fit: the box is measured as the screen lays it out, so any screen and any number of
 * queues or windows works.
 */
export function useGridPages<T>(items: readonly T[], cell: CellSize) {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ width: number; height: number; rem: number }>();
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setBox({
        width: element.clientWidth,
        height: element.clientHeight,
        rem: parseFloat(getComputedStyle(document.documentElement).fontSize) || 16,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const layout = box ? gridPages(items.length, box, cell) : { columns: 1, perPage: items.length, pages: 1 };
  const [page, setPage] = useState(0);
  useEffect(() => {
    if (layout.pages <= 1) return;
    const timer = setInterval(() => setPage((shown) => shown + 1), PAGE_MS);
    return () => clearInterval(timer);
  }, [layout.pages]);
  const current = layout.pages > 1 ? page % layout.pages : 0;
  return { ref, columns: layout.columns, page: current, pages: layout.pages, shown: pageOf(items, Math.max(1, layout.perPage), current) };
}
