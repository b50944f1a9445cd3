import { useCallback, useState } from 'react';
import { formatReceiptNumber } from '../../shared/case-reference.js';
import { CASE_STATUS, type CaseSummary, type SyncState } from '../../shared/cases.js';
import { localDateTimeText } from '../../shared/local-date.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useEvent, useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';

const SYNC_LABEL: Record<CaseSummary['sync'], string> = { synced: '已同步', pending: '待同步', 'dead-letter': '同步失败' };

function syncLine(state: SyncState | undefined): string {
  if (!state) return '…';
  const link = state.online ? '平台在线' : '平台离线，办件已保存在本机，恢复后自动上传';
  const last = state.lastSuccessAt ? `，上次成功 ${localDateTimeText(state.lastSuccessAt).slice(11)}` : '';
  return `${link} · 待同步 ${state.backlog} · 失败 ${state.deadLetters}${last}`;
}

function CaseRow({ summary }: { summary: CaseSummary }) {
  return (
    <li data-testid="case-row" data-sync={summary.sync} data-stage={summary.stage}>
      <span>
        {summary.itemName} · {summary.applicant?.name ?? '（已清除）'} · {CASE_STATUS[summary.stage]}
      </span>
      <span>
        {summary.receiptNumber && `受理编号 ${formatReceiptNumber(summary.receiptNumber)} · `}
        {summary.caseNumber ? `办件编号 ${summary.caseNumber}` : summary.stage === 'rejected' ? '' : '办件编号待平台分配'}
      </span>
      <span>{SYNC_LABEL[summary.sync]}</span>
    </li>
  );
}

/**
 * The window's cases and their way to the platform: what is saved here, what has its 办件编号, and
 * what the platform refused, with the clerk's two choices for a refusal (send again, or give up).
 */
export function CasesPanel() {
  const cases = useQuery('cases.list', { limit: 10 }, { refreshOn: ['cases.changed'] });
  const dead = useQuery('sync.deadLetters', {}, { refreshOn: ['cases.changed'] });
  const initial = useQuery('sync.state', {});
  const [pushed, setPushed] = useState<SyncState>();
  useEvent('sync.state', setPushed);
  const state = pushed ?? initial.data;
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
    if (method === 'sync.discard' && !window.confirm('放弃后此操作不会再上传到平台，且会记录在审计日志中。确定放弃吗？')) return;
    void settle.run(method, opId);
  }

  return (
    <section className="panel" aria-labelledby="cases-title">
      <h2 id="cases-title">办件与同步 Cases</h2>
      <p className={state && !state.online ? 'idcard-state idcard-state-bad' : 'idcard-state'} data-testid="sync-state">
        {syncLine(state)}
      </p>
      {state?.lastError && <p className="idcard-error">{state.lastError}</p>}
      <ErrorBanner inline message={state?.auditAnchor ? `审计存证异常 · ${state.auditAnchor}` : undefined} testId="audit-anchor" />
      <ErrorBanner inline message={settle.error} />
      {dead.data && dead.data.deadLetters.length > 0 && (
        <ul className="job-list" aria-label="同步失败 Refused by the platform">
          {dead.data.deadLetters.map((letter) => (
            <li key={letter.opId} data-testid="dead-letter">
              <span>
                {letter.itemName} {letter.caseNumber ?? ''}：{letter.error}
              </span>
              <button type="button" onClick={() => act('sync.retry', letter.opId)}>
                重试 Retry
              </button>
              <button type="button" onClick={() => act('sync.discard', letter.opId)}>
                放弃 Discard
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="button-row"
        onSubmit={(event) => {
          event.preventDefault();
          setFound(undefined);
          void find.run(reference);
        }}
      >
        <label>
          查找办件 Find{' '}
          <input
            value={reference}
            onChange={(event) => setReference(event.target.value)}
            autoComplete="off"
            maxLength={80}
            placeholder="受理编号或办件编号"
          />
        </label>
        <button type="submit" disabled={find.busy || !reference.trim()}>
          查找 Find
        </button>
      </form>
      <ErrorBanner inline message={find.error} />
      {found && (
        <ul className="job-list" aria-label="查找结果 Found">
          <CaseRow summary={found} />
        </ul>
      )}
      <ul className="job-list" aria-label="最近办件 Recent cases">
        {cases.data?.cases.map((summary) => (
          <CaseRow key={summary.caseId} summary={summary} />
        ))}
      </ul>
    </section>
  );
}
