import { useCallback, useState } from 'react';
import { CASE_STAGES, caseReferenceIn } from '../../shared/cases.js';
import { wireDateTimeText } from '../../shared/local-date.js';
import type { CaseProgress } from '../../shared/platform-api.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useRpc } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { useScans } from '../scanner/useScans.js';
import { KeyboardField } from './KeyboardField.js';
import { CardOption } from './CardOption.js';

/** The case in what a scanner read off a receipt: its QR (the case id), the number itself, or a progress link that carries it. */
function caseNumberIn(text: string): string {
  const trimmed = caseReferenceIn(text);
  try {
    const url = new URL(trimmed);
    return url.searchParams.get('case') ?? url.pathname.split('/').filter(Boolean).at(-1) ?? trimmed;
  } catch {
    return trimmed;
  }
}

function CaseCard({ progress }: { progress: CaseProgress }) {
  return (
    <article className="panel progress-case" data-case={progress.caseNumber}>
      <h3>{progress.itemName}</h3>
      <p>
        办件编号 <strong>{progress.caseNumber}</strong> · 申请人 {progress.applicantName}
      </p>
      <p className="progress-stage">
        当前状态：<strong>{CASE_STAGES[progress.stage]}</strong>
        {progress.promisedDate && <> · 承诺办结 {progress.promisedDate}</>}
        {progress.resultName && <> · 结果：{progress.resultName}</>}
      </p>
      <ol className="progress-steps">
        {progress.steps.map((step, index) => (
          <li key={index}>
            {wireDateTimeText(step.at)} {step.step ?? CASE_STAGES[step.stage]}
          </li>
        ))}
      </ol>
    </article>
  );
}

/** 进度查询: by the 办件编号 on the receipt (typed or its QR scanned) or by the ID card; shown masked. */
export default function ProgressLookup() {
  const rpc = useRpc();
  const [caseNumber, setCaseNumber] = useState('');
  const [found, setFound] = useState<CaseProgress[]>();
  const { run: lookUp, busy, error, dismiss } = useCall(
    async (query: { caseNumber: string } | { withIdCard: true }) => (await rpc.invoke('kiosk.progress', query)).cases,
    setFound,
  );
  const scanner = useScans(
    useCallback(
      (scan: Scan) => {
        const number = caseNumberIn(scan.text);
        setCaseNumber(number);
        void lookUp({ caseNumber: number });
      },
      [lookUp],
    ),
  );

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title" className="prompt">
        查询办件进度 Look up your case
      </h2>
      <ErrorBanner message={error} onDismiss={error ? dismiss : undefined} />
      {found ? (
        <div aria-live="polite" data-testid="progress-results">
          {found.length === 0 ? <p className="muted">没有查到办件，请核对编号，或到综合窗口咨询 / No case found</p> : found.map((progress) => <CaseCard key={progress.caseNumber} progress={progress} />)}
          <button type="button" onClick={() => setFound(undefined)}>
            ← 重新查询 Look up another
          </button>
        </div>
      ) : (
        <div className="kiosk-columns">
          <KeyboardField
            label="办件编号（见受理回执）Case number"
            value={caseNumber}
            onChange={(value) => setCaseNumber(value.toUpperCase().replace(/[^A-Z0-9-]/g, ''))}
            layout="letters"
            maxLength={50}
            onDone={caseNumber && !busy ? () => void lookUp({ caseNumber }) : undefined}
            doneLabel="查询 Look up"
          />
          <CardOption heading="或刷身份证查询 Or use your ID card" action="用刚读取的身份证查询 Look up with the card" busy={busy} onUse={() => void lookUp({ withIdCard: true })} />
        </div>
      )}
      <SimulatedScan scanner={scanner.data} />
    </section>
  );
}
