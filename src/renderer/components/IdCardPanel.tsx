import { useCallback, useEffect, useState } from 'react';
import type { IdCardView } from '../../shared/idcard.js';
import { useEvent, useQuery, useReconnected } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { ErrorBanner } from './ErrorBanner.js';

const STATE_TEXT: Record<string, string> = {
  connecting: '读卡器连接中… Connecting',
  connected: '读卡器就绪 Reader ready',
  'sam-fault': '读卡器安全模块故障 SAM fault',
  disconnected: '读卡器未连接 Reader disconnected',
  stopped: '读卡器已停止 Reader stopped',
};

interface IdCardPanelProps {
  /** On a kiosk the card leaves the screen by itself: the next citizen must not see it. */
  clearAfterMs?: number;
}

/** The last card read on this terminal, masked, with what does not add up flagged; and the reader's state. */
export function IdCardPanel({ clearAfterMs }: IdCardPanelProps) {
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
  const healthy = status.data.state === 'connected';
  return (
    <section className="panel idcard" aria-label="身份证 ID card" data-reader={status.data.state}>
      <p className={healthy ? 'idcard-state' : 'idcard-state idcard-state-bad'}>
        {STATE_TEXT[status.data.state] ?? status.data.state}
        {!healthy && status.data.message ? ` — ${status.data.message}` : ''}
      </p>
      <ErrorBanner inline message={error} />
      {card ? (
        <dl className="idcard-card" data-testid="idcard-card">
          <dt>证件 Card</dt>
          <dd>{card.typeName}</dd>
          <dt>姓名 Name</dt>
          <dd>{card.name}</dd>
          <dt>性别 Sex</dt>
          <dd>{card.sex}</dd>
          <dt>证件号码 Number</dt>
          <dd>{card.idNumber}</dd>
          <dt>有效期至 Valid to</dt>
          <dd>{card.validTo}</dd>
        </dl>
      ) : (
        healthy && <p className="idcard-hint">请将身份证平放在读卡区 Place the ID card on the reader</p>
      )}
      {card && card.problems.length > 0 && (
        <ul className="idcard-problems" role="alert">
          {card.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {status.data.simulatedSamples.length > 0 && (
        <div className="simulator" aria-label="模拟读卡器 Simulated reader">
          <span>模拟读卡器 Simulated reader:</span>
          {status.data.simulatedSamples.map((sample) => (
            <button key={sample} type="button" onClick={() => simulate(sample)}>
              {sample}
            </button>
          ))}
          <button type="button" onClick={() => simulate(null)}>
            取走 Remove
          </button>
        </div>
      )}
    </section>
  );
}
