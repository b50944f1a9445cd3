import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdCardView } from '../../shared/idcard.js';
import { useLocalise } from '../i18n/index.js';
import { useEvent, useQuery, useReconnected } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { ErrorBanner } from './ErrorBanner.js';
import './idcard.css';
import './kiosk-catalogue.js';

const STATE_KEYS = {
  connecting: 'idCard.connecting',
  connected: 'idCard.ready',
  'sam-fault': 'idCard.samFault',
  disconnected: 'idCard.disconnected',
  stopped: 'idCard.stopped',
} as const;

interface IdCardPanelProps {
  /** On a kiosk the card leaves the screen by itself: the next citizen must not see it. */
  clearAfterMs?: number;
  /**
   * A citizen's screen: shown while the reader waits for a card (where it goes), and a reader fault is told
   * in plain words with where to go instead of the reader's own state and message, which are the technician's.
   */
  guide?: ReactNode;
}

/** The last card read on this terminal, masked, with what does not add up flagged; and the reader's state. */
export function IdCardPanel({ clearAfterMs, guide }: IdCardPanelProps) {
  const { t } = useTranslation('kiosk');
  const localise = useLocalise();
  const status = useQuery('idcard.status', {}, { refreshOn: ['idcard.status'] });
  const [card, setCard] = useState<IdCardView>();
  const [error, setError] = useState<string>();
  useEvent(
    'idcard.card',
    useCallback((view: IdCardView) => {
      setCard(view);
      setError(undefined);
    }, []),
  );
  // A card read before the host was lost is not the host's any more: it must be read again.
  useReconnected(
    useCallback(() => {
      setCard(undefined);
      setError(undefined);
    }, []),
  );
  useEvent(
    'idcard.error',
    useCallback(({ message }: { message: string }) => setError(message), []),
  );
  useEffect(() => {
    if (!clearAfterMs || (!card && !error)) return;
    const timer = setTimeout(() => {
      setCard(undefined);
      setError(undefined);
    }, clearAfterMs);
    return () => clearTimeout(timer);
  }, [card, error, clearAfterMs]);

  const simulator = useCall((host, sample: string | null) => host.invoke('idcard.simulate', { sample }), { onFailure: setError });
  /** A card laid on or taken off the simulated reader: the one shown is gone until the reader reads the next. */
  const simulate = (sample: string | null) => {
    setCard(undefined);
    void simulator.run(sample);
  };

  if (!status.data || status.data.state === 'absent') return null;
  const { state, message } = status.data;
  const healthy = state === 'connected';
  const stateText = guide && !healthy && state !== 'connecting' ? t('idCard.unusable') : t(STATE_KEYS[state]);
  return (
    <section className={guide ? 'panel idcard idcard-citizen' : 'panel idcard'} aria-label={t('idCard.region')} data-reader={state}>
      {/* A ready reader goes without saying on a citizen's screen: the picture of where the card goes says it. */}
      {!(guide && healthy) && (
        <p className={healthy ? 'idcard-state' : 'idcard-state idcard-state-bad'}>
          {stateText}
          {!guide && !healthy && message ? ` — ${localise(message)}` : ''}
        </p>
      )}
      <ErrorBanner inline message={error} />
      {card ? (
        <dl className="idcard-card" data-testid="idcard-card">
          <dt>{t('idCard.type')}</dt>
          <dd>{card.typeName}</dd>
          <dt>{t('idCard.name')}</dt>
          <dd>{card.name}</dd>
          <dt>{t('idCard.sex')}</dt>
          <dd>{card.sex}</dd>
          <dt>{t('idCard.number')}</dt>
          <dd>{card.idNumber}</dd>
          <dt>{t('idCard.validTo')}</dt>
          <dd>{card.validTo}</dd>
        </dl>
      ) : (
        healthy && (guide ?? <p className="idcard-hint">{t('idCard.placeCard')}</p>)
      )}
      {card && card.problems.length > 0 && (
        <ul className="idcard-problems" role="alert">
          {card.problems.map((problem) => (
            <li key={problem}>{localise(problem)}</li>
          ))}
        </ul>
      )}
      {status.data.simulatedSamples.length > 0 && (
        <div className="simulator" role="group" aria-label={t('idCard.simulator')}>
          <span>{t('idCard.simulator')}</span>
          {status.data.simulatedSamples.map((sample) => (
            <button key={sample} type="button" onClick={() => simulate(sample)}>
              {sample}
            </button>
          ))}
          <button type="button" onClick={() => simulate(null)}>
            {t('idCard.remove')}
          </button>
        </div>
      )}
    </section>
  );
}
