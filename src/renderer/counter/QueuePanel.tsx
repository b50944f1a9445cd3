import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localTimeText } from '../../shared/local-date.js';
import type { MethodName } from '../../shared/contract.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useHallLink } from '../components/use-link-status.js';
import { Button, Notice } from '../design/index.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { useLocalise } from '../i18n/index.js';
import { shortcut } from './shortcuts.js';

type Said = (value: { ticketNumber?: string }) => string;

/**
 * The clerk's calling controls for this counter's window, with the window's state as the hall sees it.
 * A paused window still shows the number in hand (it can be finished) and calls no new one.
 */
export function QueuePanel({ windowNumber }: { windowNumber: number }) {
  const { t } = useTranslation('counter');
  const localise = useLocalise();
  const snapshot = useQuery('hall.snapshot', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [done, setDone] = useState<string>();
  /** `queue:<id>` or `window:<number>`: a ticket goes to another business, or to a named window. */
  const [transferTo, setTransferTo] = useState('');
  const [transferNote, setTransferNote] = useState('');
  /** A number typed off the slip of a citizen back after 过号. */
  const [returning, setReturning] = useState('');
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  // Calling is the hall's: while it is out of reach the controls wait for it, and the clerk is told so.
  const hallOffline = useHallLink() === 'offline';
  const outage = hallOffline && (
    <Notice tone="bad" testId="hall-offline">
      {t('queue.hallOffline')}
    </Notice>
  );
  const window = snapshot.data?.windows.find((candidate) => candidate.number === windowNumber);
  const current = window?.current;

  const action = useCall(
    async (host, method: MethodName, input: object, said: Said) =>
      said((await host.invoke(method, input as never)) as { ticketNumber?: string }),
    { onAnswer: setDone },
  );
  const message = action.error ? { tone: 'bad', text: localise(action.error) } : done && { tone: 'ok', text: done };
  /** Whether it was done: the page keeps what was typed when it was not. */
  async function act(method: MethodName, input: object, said: Said): Promise<boolean> {
    setDone(undefined);
    return (await action.run(method, input, said)) !== undefined;
  }
  const number =
    (said: 'called' | 'recalled' | 'finished' | 'noShown' | 'parkedDone' | 'transferred' | 'reinstated' | 'resumed'): Said =>
    (ticket) =>
      t(`queue.${said}`, { number: ticket.ticketNumber });

  if (!snapshot.data)
    return outage ? (
      <section className="panel queue-panel" aria-label={t('queue.title')}>
        <h2>{t('queue.title')}</h2>
        {outage}
      </section>
    ) : null;
  if (!window) return <ErrorBanner inline message={t('queue.noWindow', { number: windowNumber })} />;
  return (
    <section className="panel queue-panel" aria-label={t('queue.title')}>
      <h2>{t('queue.title')}</h2>
      {outage}
      <fieldset className="queue-controls" disabled={hallOffline}>
        {window.clerk ? (
          <p className="clerk-line">
            <span>{t('queue.clerk', { name: window.clerk.name, id: window.clerk.id })}</span>
            <Button variant="quiet" onClick={() => void act('counter.logout', {}, () => t('queue.loggedOut'))}>
              {t('queue.logout')}
            </Button>
          </p>
        ) : (
          <form
            className="clerk-login"
            aria-label={t('queue.loginForm')}
            onSubmit={(event) => {
              event.preventDefault();
              void act('counter.login', { clerkId, pin }, () => t('queue.loggedIn')).then(() => setPin(''));
            }}
          >
            <label>
              <span>{t('queue.clerkId')}</span>
              <input className="ds-input" value={clerkId} onChange={(event) => setClerkId(event.target.value)} autoComplete="username" />
            </label>
            <label>
              <span>{t('queue.pin')}</span>
              <input
                className="ds-input"
                value={pin}
                onChange={(event) => setPin(event.target.value)}
                type="password"
                inputMode="numeric"
                autoComplete="current-password"
              />
            </label>
            <Button type="submit" variant="primary">
              {t('queue.login')}
            </Button>
            <Button onClick={() => void act('counter.loginWithCard', { pin }, () => t('queue.loggedIn')).then(() => setPin(''))}>
              {t('queue.loginWithCard')}
            </Button>
          </form>
        )}
        <p
          className={window.paused ? 'queue-current queue-current-paused' : 'queue-current'}
          data-testid="current-ticket"
          data-paused={window.paused}
        >
          {window.paused
            ? current
              ? t('queue.pausedHolding', { number: current.ticketNumber, queue: current.queueName })
              : t('queue.paused')
            : current
              ? t('queue.current', { number: current.ticketNumber, queue: current.queueName })
              : t('queue.none')}
        </p>
        {current?.offline && (
          <p className="queue-offline-ticket" data-testid="current-offline">
            {t('queue.offlineTicket', { time: current.issuedAt ? localTimeText(current.issuedAt) : '—' })}
          </p>
        )}
        {window.paused && <p className="muted">{t('queue.pausedHint')}</p>}
        <div className="queue-buttons">
          <Button
            variant="primary"
            {...shortcut('F1')}
            disabled={window.paused}
            onClick={() => void act('counter.callNext', {}, number('called'))}
          >
            {t('queue.callNext')}
          </Button>
          <Button disabled={!current} {...shortcut('F2')} onClick={() => void act('counter.recall', {}, number('recalled'))}>
            {t('queue.recall')}
          </Button>
          <Button disabled={!current} {...shortcut('F3')} onClick={() => void act('counter.finish', {}, number('finished'))}>
            {t('queue.finish')}
          </Button>
          <Button disabled={!current} {...shortcut('F4')} onClick={() => void act('counter.noShow', {}, number('noShown'))}>
            {t('queue.noShow')}
          </Button>
          <Button disabled={!current} {...shortcut('F5')} onClick={() => void act('counter.park', {}, number('parkedDone'))}>
            {t('queue.park')}
          </Button>
          <Button
            variant={window.paused ? 'primary' : 'secondary'}
            onClick={() =>
              void act('counter.pause', { paused: !window.paused }, () => (window.paused ? t('queue.resumedDone') : t('queue.pausedDone')))
            }
          >
            {window.paused ? t('queue.resume') : t('queue.pause')}
          </Button>
        </div>
        {message && (
          <p className={`print-status print-status-${message.tone}`} role={message.tone === 'bad' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        {current && (
          <div className="queue-transfer">
            <label>
              <span>{t('queue.transferTo')}</span>
              <select className="ds-input" value={transferTo} onChange={(event) => setTransferTo(event.target.value)}>
                <option value="">—</option>
                <optgroup label={t('queue.queues')}>
                  {snapshot.data.queues.map((queue) => (
                    <option key={queue.id} value={`queue:${queue.id}`}>
                      {queue.name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('queue.windows')}>
                  {snapshot.data.windows
                    .filter((other) => other.number !== windowNumber)
                    .map((other) => (
                      <option key={other.number} value={`window:${other.number}`}>
                        {t('queue.windowOption', { number: other.number, name: other.name })}
                      </option>
                    ))}
                </optgroup>
              </select>
            </label>
            <label>
              <span>{t('queue.note')}</span>
              <input
                className="ds-input"
                value={transferNote}
                onChange={(event) => setTransferNote(event.target.value)}
                maxLength={100}
                autoComplete="off"
              />
            </label>
            <Button
              disabled={!transferTo}
              onClick={() => {
                const [kind, target] = transferTo.split(':') as ['queue' | 'window', string];
                const destination = kind === 'queue' ? { toQueueId: target } : { toWindowNumber: Number(target) };
                void act('counter.transfer', { ...destination, ...(transferNote ? { note: transferNote } : {}) }, number('transferred'));
                setTransferNote('');
              }}
            >
              {t('queue.transfer')}
            </Button>
          </div>
        )}
        <form
          className="queue-reinstate"
          aria-label={t('queue.reinstateForm')}
          onSubmit={(event) => {
            event.preventDefault();
            void act('counter.reinstate', { ticketNumber: returning }, number('reinstated')).then((ok) => ok && setReturning(''));
          }}
        >
          <label>
            <span>{t('queue.reinstateLabel')}</span>
            <input
              className="ds-input"
              value={returning}
              onChange={(event) => setReturning(event.target.value)}
              placeholder={t('queue.reinstatePlaceholder')}
              maxLength={8}
              autoComplete="off"
            />
          </label>
          <Button type="submit" disabled={!returning.trim()}>
            {t('queue.reinstate')}
          </Button>
        </form>
        {window.parked.length > 0 && (
          <ul className="job-list" aria-label={t('queue.parkedTitle')}>
            {window.parked.map((parked) => (
              <li key={parked.ticketId}>
                <span>{t('queue.parked', { number: parked.ticketNumber })}</span>
                <span>{parked.queueName}</span>
                <Button onClick={() => void act('counter.resume', { ticketId: parked.ticketId }, number('resumed'))}>
                  {t('queue.resumeParked')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </section>
  );
}
