import { useTranslation } from 'react-i18next';
import type { HallEvent } from '../../shared/hall-events.js';
import { callsShown } from './calls-shown.js';

/** The calls listed under the current one: enough to catch one's number, few enough to read at a glance. */
const PREVIOUS_CALLS = 4;

const windowOf = (call: HallEvent) => call.windowNumber ?? call.ticket?.windowNumber;

interface CurrentCallProps {
  /** The newest call heard on the event stream, which the snapshot may not have yet. */
  latest: HallEvent | undefined;
  recent: readonly HallEvent[];
  windows: readonly { number: number; paused: boolean }[];
}

/** The call being made, as large as the screen allows, and the few made before it; none at a paused window. */
export function CurrentCall({ latest, recent, windows }: CurrentCallProps) {
  const { t } = useTranslation('board');
  const { current, previous } = callsShown(latest, recent, windows, PREVIOUS_CALLS);
  return (
    <section className="board-now" aria-labelledby="board-now-title">
      <div className="board-call" data-testid="board-call" data-state={current ? 'calling' : 'idle'} aria-live="assertive">
        <h2 id="board-now-title" className="board-call-label">
          {t('call.now')}
        </h2>
        {current?.ticket ? (
          <>
            <p className="board-call-number" key={current.seq}>
              {current.ticket.ticketNumber}
            </p>
            <p className="board-call-window">
              {t('call.goTo')} <strong>{t('call.window', { number: windowOf(current) })}</strong>
            </p>
            {current.ticket.windowName && <p className="board-call-window-name">{current.ticket.windowName}</p>}
          </>
        ) : (
          <>
            <p className="board-call-idle">{t('call.idle')}</p>
            <p className="board-call-window-name">{t('call.idleHint')}</p>
          </>
        )}
      </div>
      <div className="board-previous">
        <h2 className="board-heading">{t('call.previous')}</h2>
        <ol className="board-previous-list" data-testid="board-recent">
          {previous.map((call) => (
            <li key={call.seq}>
              <span className="board-previous-number">{call.ticket?.ticketNumber}</span>
              <span className="board-previous-window">{t('call.window', { number: windowOf(call) })}</span>
            </li>
          ))}
          {/* Slots for calls yet to come keep the screen still: nothing moves when the first calls arrive. */}
          {Array.from({ length: PREVIOUS_CALLS - previous.length }, (_, index) => (
            <li key={`empty-${index}`} className="board-previous-empty" aria-hidden="true" />
          ))}
        </ol>
      </div>
    </section>
  );
}
