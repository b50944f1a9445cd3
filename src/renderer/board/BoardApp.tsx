import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallEvent } from '../../shared/hall-events.js';
import { localTimeText } from '../../shared/local-date.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { useHallLink } from '../components/use-link-status.js';
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
  // Cut off from the hall the board keeps what it last knew and says how old it is, so nobody takes it for now.
  const hallOffline = useHallLink() === 'offline';
  const [asOf, setAsOf] = useState<Date>();
  useEffect(() => {
    if (data) setAsOf(new Date());
  }, [data]);

  return (
    <Shell title={t('title')}>
      <div className={hallOffline ? 'board board-offline' : 'board'}>
        {hallOffline && (
          <p className="board-outage" role="status" data-testid="board-outage">
            {asOf ? t('outage.since', { time: localTimeText(asOf) }) : t('outage.nothing')}
          </p>
        )}
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
