import { useTranslation } from 'react-i18next';
import { Field } from '../design/index.js';
import { useCallback, useState } from 'react';
import { formatReceiptNumber } from '../../shared/case-reference.js';
import { CASE_STATUS, type CaseSummary, type SyncState } from '../../shared/cases.js';
import { localTimeText } from '../../shared/local-date.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';

const SYNC_LABEL = { synced: 'cases.synced', pending: 'cases.pending', 'dead-letter': 'cases.deadLetter' } as const satisfies Record<
  CaseSummary['sync'],
  string
>;

function useSyncLine(state: SyncState | undefined): string {
  const { t } = useTranslation('counter');
  if (!state) return '…';
  const link = state.online ? t('cases.online') : t('cases.offline');
  const last = state.lastSuccessAt ? t('cases.lastSuccess', { time: localTimeText(state.lastSuccessAt) }) : '';
  return t('cases.line', { link, backlog: state.backlog, dead: state.deadLetters }) + last;
}

function CaseRow({ summary }: { summary: CaseSummary }) {
  const { t } = useTranslation('counter');
  return (
    <li data-testid="case-row" data-sync={summary.sync} data-stage={summary.stage}>
      <span>
        {summary.itemName} · {summary.applicant?.name ?? t('cases.erased')} · {CASE_STATUS[summary.stage]}
      </span>
      <span>
        {summary.receiptNumber && `${t('cases.receipt', { number: formatReceiptNumber(summary.receiptNumber) })} · `}
        {summary.caseNumber
          ? t('cases.caseNumber', { number: summary.caseNumber })
          : summary.stage === 'rejected'
            ? ''
            : t('cases.caseNumberPending')}
      </span>
      <span>{t(SYNC_LABEL[summary.sync])}</span>
    </li>
  );
}

/**
 * The window's cases and their way to the platform: what is saved here, what has its 办件编号, and
 * what the platform refused, with the clerk's two choices for a refusal (send again, or give up).
 */
export function CasesPanel() {
  const { t } = useTranslation('counter');
  const cases = useQuery('cases.list', { limit: 10 }, { refreshOn: ['cases.changed'] });
  const dead = useQuery('sync.deadLetters', {}, { refreshOn: ['cases.changed'] });
  const initial = useQuery('sync.state', {});
  const [pushed, setPushed] = useState<SyncState>();
  useEvent('sync.state', setPushed);
  const state = pushed ?? initial.data;
  const syncLine = useSyncLine(state);
  const [reference, setReference] = useState('');
  const [found, setFound] = useState<CaseSummary>();
  const find = useCall((host, typed: string) => host.invoke('cases.find', { reference: typed }), { onAnswer: setFound });
  useEvent(
    'cases.changed',
    useCallback(
      ({ cases: changed }: { cases: CaseSummary[] }) =>
        setFound((shown) => (shown ? (changed.find((summary) => summary.caseId === shown.caseId) ?? shown) : shown)),
      [],
    ),
  );

  const settle = useCall((host, method: 'sync.retry' | 'sync.discard', opId: string) => host.invoke(method, { opId }), {
    onAnswer(answer) {
      setPushed(answer);
      dead.reload();
      cases.reload();
    },
  });
  function act(method: 'sync.retry' | 'sync.discard', opId: string) {
    settle.dismiss();
    if (method === 'sync.discard' && !window.confirm(t('cases.discardConfirm'))) return;
    void settle.run(method, opId);
  }

  return (
    <section className="panel" aria-labelledby="cases-title">
      <h2 id="cases-title">{t('cases.title')}</h2>
      <p className={state && !state.online ? 'idcard-state idcard-state-bad' : 'idcard-state'} data-testid="sync-state">
        {syncLine}
      </p>
      <ErrorBanner inline message={state?.lastError ?? undefined} />
      <ErrorBanner
        inline
        message={state?.auditAnchor ? t('cases.auditAnchor', { detail: state.auditAnchor }) : undefined}
        testId="audit-anchor"
      />
      <ErrorBanner inline message={settle.error} />
      {dead.data && dead.data.deadLetters.length > 0 && (
        <ul className="job-list" aria-label={t('cases.refusedList')}>
          {dead.data.deadLetters.map((letter) => (
            <li key={letter.opId} data-testid="dead-letter">
              <span>{t('cases.deadLine', { item: letter.itemName, number: letter.caseNumber ?? '', error: letter.error })}</span>
              <button type="button" className="ds-button ds-button-secondary" onClick={() => act('sync.retry', letter.opId)}>
                {t('cases.retry')}
              </button>
              <button type="button" className="ds-button ds-button-danger" onClick={() => act('sync.discard', letter.opId)}>
                {t('cases.discard')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setFound(undefined);
          void find.run(reference);
        }}
      >
        <Field label={t('cases.find')}>
          {(control) => (
            <input
              {...control}
              value={reference}
              onChange={(event) => setReference(event.target.value)}
              autoComplete="off"
              maxLength={80}
              placeholder={t('cases.findPlaceholder')}
            />
          )}
        </Field>
        <button type="submit" className="ds-button ds-button-secondary" disabled={find.busy || !reference.trim()}>
          {t('cases.findButton')}
        </button>
      </form>
      <ErrorBanner inline message={find.error} />
      {found && (
        <ul className="job-list" aria-label={t('cases.found')}>
          <CaseRow summary={found} />
        </ul>
      )}
      <ul className="job-list" aria-label={t('cases.recent')}>
        {cases.data?.cases.map((summary) => (
          <CaseRow key={summary.caseId} summary={summary} />
        ))}
      </ul>
    </section>
  );
}
