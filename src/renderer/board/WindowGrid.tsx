import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { PageMarker } from './PageMarker.js';
import { useGridPages } from './use-grid-pages.js';

type Window = OutputOf<Methods, 'hall.snapshot'>['windows'][number];

/** In rem: a window's number, its name (two lines of it at most) and its ticket side by side, the ticket read from afar. */
const CELL = { minWidth: 21, height: 3.4, gap: 0.6 };

/** Each window with the number it serves, or that it is paused: the same state the queue has. */
export function WindowGrid({ windows }: { windows: readonly Window[] }) {
  const { t } = useTranslation('board');
  const { ref, columns, page, pages, shown } = useGridPages(windows, CELL);
  return (
    <section className="board-windows" aria-labelledby="board-windows-title">
      <h2 id="board-windows-title" className="board-heading">
        {t('windows.title')}
        <PageMarker page={page} pages={pages} />
      </h2>
      <div ref={ref} className="board-fill">
        <ul className="board-window-grid" style={{ '--columns': columns } as CSSProperties}>
          {shown.map((window) => (
            <li key={window.number} className="board-window" data-window={window.number} data-paused={window.paused}>
              <span className="board-window-number">{t('windows.number', { number: window.number })}</span>
              <span className="board-window-name">{window.name}</span>
              <strong className="board-window-ticket">{window.paused ? t('windows.paused') : (window.current?.ticketNumber ?? '—')}</strong>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
