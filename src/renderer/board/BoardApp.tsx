import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallEvent } from '../../shared/hall-events.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { board as enBoard } from '../i18n/en/board.js';
import { i18next, registerCatalogue } from '../i18n/index.js';
import { board as zhBoard } from '../i18n/zh-CN/board.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useAnnounce } from '../speech/announce.js';
import { boardLanguage } from './board-language.js';
import { CurrentCall } from './CurrentCall.js';
import { QueueGrid } from './QueueGrid.js';
import { WindowGrid } from './WindowGrid.js';
import './board.css';

registerCatalogue('board', zhBoard, enBoard);
void i18next.changeLanguage(boardLanguage(location.search));

const CALL_TYPES = new Set(['ticket.called', 'ticket.recalled', 'ticket.resumed']);

/** The hall's TV: the call being made, the few before it, each window's number, and who waits where. */
export default function BoardApp() {
  const { t } = useTranslation('board');
  const announce = useAnnounce();
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [latest, setLatest] = useState<HallEvent>();
  useEvent(
    'hall.event',
    useCallback(
      (event: HallEvent & { live: boolean }) => {
        if (!CALL_TYPES.has(event.type) || !event.ticket?.announcement) return;
        setLatest(event);
        // A call the board missed while cut off is shown, not called out: that citizen was called long ago.
        // The call is said in Mandarin whatever the board shows: the hall's announcement, as the hall words it.
        if (event.live) announce(event.ticket.announcement);
      },
      [announce],
    ),
  );
  const data = snapshot.data;
  const windows = data?.windows ?? [];

  return (
    <Shell title={t('title')}>
      <div className="board">
        <div className="board-top">
          <PanelBoundary part={t('parts.call')}>
            <CurrentCall latest={latest} recent={data?.recentCalls ?? []} windows={windows} />
          </PanelBoundary>
          <PanelBoundary part={t('parts.windows')}>
            <WindowGrid windows={windows} />
          </PanelBoundary>
        </div>
        <PanelBoundary part={t('parts.queues')}>
          <QueueGrid queues={data?.queues ?? []} />
        </PanelBoundary>
      </div>
    </Shell>
  );
}
