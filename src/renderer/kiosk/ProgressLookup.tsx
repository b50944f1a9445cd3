import { useCallback, useState } from 'react';
import { CaseReferenceError, formatReceiptNumber, parseCaseReference, referenceText } from '../../shared/case-reference.js';
import { CASE_STAGES, CASE_STATUS } from '../../shared/cases.js';
import { wireDateText, wireDateTimeText } from '../../shared/local-date.js';
import type { CaseProgress } from '../../shared/platform-api.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useCall } from '../rpc/use-call.js';
import { useScans } from '../scanner/useScans.js';
import { KeyboardField } from './KeyboardField.js';
import { CardOption } from './CardOption.js';

/** What a scan shows in the field: the number the receipt carries, or what was read when it is none (the host says why). */
function shownOf(text: string): string {
  try {
    return referenceText(parseCaseReference(text));
  } catch {
    return text.trim().slice(0, 50);
  }
}

function CaseCard({ progress }: { progress: CaseProgress }) {
  return (
    <article className="panel progress-case" data-case={progress.caseNumber}>
      <h3>{progress.itemName}</h3>
      <p>
        {progress.receiptNumber && (
          <>
            受理编号 <strong>{formatReceiptNumber(progress.receiptNumber)}</strong> ·{' '}
          </>
        )}
        办件编号 <strong>{progress.caseNumber}</strong> · 申请人 {progress.applicantName}
      </p>
      <p className="progress-stage">
        当前状态：<strong>{CASE_STATUS[progress.stage]}</strong>
        {progress.promisedDate && <> · 承诺办结 {wireDateText(progress.promisedDate)}</>}
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

/**
 * 进度查询: by the receipt's QR, by the 受理编号 or 办件编号 on it and then its 查询码 (typed on the touch
 * keyboard), or by the ID card; shown masked.
 */
export default function ProgressLookup() {
  const [typed, setTyped] = useState('');
  const [code, setCode] = useState<string>();
  // A mistyped number is told at once, before the citizen types a 查询码 for a number that cannot be.
  const [numberError, setNumberError] = useState<string>();
  const toCheckCode = () => {
    try {
      parseCaseReference(typed);
      setNumberError(undefined);
      setCode('');
    } catch (problem) {
      if (!(problem instanceof CaseReferenceError)) throw problem;
      setNumberError(problem.message);
    }
  };
  const [found, setFound] = useState<CaseProgress[]>();
  const {
    run: lookUp,
    busy,
    error,
    dismiss,
  } = useCall(
    async (host, query: { reference: string; checkCode?: string } | { withIdCard: true }) =>
      (await host.invoke('kiosk.progress', query)).cases,
    {
      onAnswer(cases) {
        setFound(cases);
        setCode(undefined);
      },
    },
  );
  const scanner = useScans(
    useCallback(
      (scan: Scan) => {
        setTyped(shownOf(scan.text));
        void lookUp({ reference: scan.text });
      },
      [lookUp],
    ),
  );

  return (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title" className="prompt">
        查询办件进度 Look up your case
      </h2>
      <ErrorBanner message={numberError ?? error} onDismiss={numberError ? () => setNumberError(undefined) : error ? dismiss : undefined} />
      {found ? (
        <div aria-live="polite" data-testid="progress-results">
          {found.length === 0 ? (
            <p className="muted" role="status">
              没有查到该编号的办件。请核对回执上的受理编号和查询码；刚受理的办件可能要过几分钟才能查到，仍查不到请到综合窗口咨询 / No case
              found: check the number on the receipt
            </p>
          ) : (
            found.map((progress) => <CaseCard key={progress.caseNumber} progress={progress} />)
          )}
          <button type="button" onClick={() => setFound(undefined)}>
            ← 重新查询 Look up another
          </button>
        </div>
      ) : (
        <div className="kiosk-columns">
          {code === undefined ? (
            <KeyboardField
              label="受理编号（见受理回执）Receipt number"
              value={typed}
              onChange={(value) => {
                setNumberError(undefined);
                setTyped(value.toUpperCase().replace(/[^A-Z0-9 -]/g, ''));
              }}
              layout="letters"
              maxLength={50}
              onDone={typed.trim() ? toCheckCode : undefined}
              doneLabel="下一步 Next"
            />
          ) : (
            <div>
              <p>
                受理编号 <strong>{typed}</strong>{' '}
                <button type="button" onClick={() => setCode(undefined)}>
                  修改 Change
                </button>
              </p>
              <KeyboardField
                label="查询码（回执上受理编号下方的 6 位数字）Check code"
                value={code}
                onChange={(value) => setCode(value.replace(/\D/g, ''))}
                layout="digits"
                maxLength={6}
                onDone={code.length === 6 && !busy ? () => void lookUp({ reference: typed, checkCode: code }) : undefined}
                doneLabel="查询 Look up"
              />
            </div>
          )}
          <CardOption
            heading="或刷身份证查询 Or use your ID card"
            action="用刚读取的身份证查询 Look up with the card"
            busy={busy}
            onUse={() => void lookUp({ withIdCard: true })}
          />
        </div>
      )}
      <SimulatedScan scanner={scanner.data} />
    </section>
  );
}
