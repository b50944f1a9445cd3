import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { PageMarker } from './PageMarker.js';
import { useGridPages } from './use-grid-pages.js';

type Queue = OutputOf<Methods, 'hall.snapshot'>['queues'][number];

/** In rem: the longest queue name (eight characters) beside its letter and count, each readable from ten metres. */
const CELL = { minWidth: 22, height: 3.4, gap: 0.6 };

/** Who waits where: every queue, on as many pages as the screen needs. */
export function QueueGrid({ queues }: { queues: readonly Queue[] }) {
  const { t } = useTranslation('board');
  const { ref, columns, page, pages, shown } = useGridPages(queues, CELL);
  const total = queues.reduce((sum, queue) => sum + queue.waiting, 0);
  return (
    <section className="board-queues" aria-labelledby="board-queues-title">
      <h2 id="board-queues-title" className="board-heading">
        {t('queues.title')}
        <span className="board-total">{t('queues.total', { count: total })}</span>
        <PageMarker page={page} pages={pages} />
      </h2>
      <div ref={ref} className="board-fill">
        <ul className="board-queue-grid" style={{ '--columns': columns } as CSSProperties}>
          {shown.map((queue) => (
            <li key={queue.id} className="board-cell" data-queue={queue.id}>
              <span className="board-prefix">{queue.prefix}</span>
              <span className="board-name">{queue.name}</span>
              <span className="board-count">
                <span className="board-waiting">{queue.waiting}</span>
                <span className="board-unit">{t('queues.unit')}</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
