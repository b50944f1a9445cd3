import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseReferenceError, formatReceiptNumber, parseCaseReference, referenceText } from '../../shared/case-reference.js';
import { CASE_STAGES, CASE_STATUS } from '../../shared/cases.js';
import { wireDateText, wireDateTimeText } from '../../shared/local-date.js';
import type { CaseProgress } from '../../shared/platform-api.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useCall } from '../rpc/use-call.js';
import { useScans } from '../scanner/useScans.js';
import { Busy } from './Busy.js';
import { CardOption } from './CardOption.js';
import { KeyboardField } from './KeyboardField.js';

/** What a scan shows in the field: the number the receipt carries, or what was read when it is none (the host says why). */
function shownOf(text: string): string {
  try {
    return referenceText(parseCaseReference(text));
  } catch {
    return text.trim().slice(0, 50);
  }
}

function CaseCard({ progress }: { progress: CaseProgress }) {
  const { t } = useTranslation('kiosk');
  return (
    <article className="panel progress-case" data-case={progress.caseNumber}>
      <h3>{progress.itemName}</h3>
      <dl className="progress-facts">
        {progress.receiptNumber && (
          <>
            <dt>{t('progress.receiptNumber')}</dt>
            <dd>{formatReceiptNumber(progress.receiptNumber)}</dd>
          </>
        )}
        <dt>{t('progress.caseNumber')}</dt>
        <dd>{progress.caseNumber}</dd>
        <dt>{t('progress.applicant')}</dt>
        <dd>{progress.applicantName}</dd>
        <dt>{t('progress.stage')}</dt>
        <dd className="progress-stage">{CASE_STATUS[progress.stage]}</dd>
        {progress.promisedDate && (
          <>
            <dt>{t('progress.promised')}</dt>
            <dd>{wireDateText(progress.promisedDate)}</dd>
          </>
        )}
        {progress.resultName && (
          <>
            <dt>{t('progress.result')}</dt>
            <dd>{progress.resultName}</dd>
          </>
        )}
      </dl>
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

type Query = { reference: string; checkCode?: string } | { withIdCard: true };

/**
 * 进度查询: by the receipt's QR, by the 受理编号 or 办件编号 on it and then its 查询码 (typed on the touch
 * keyboard), or by the ID card; shown masked.
 */
export default function ProgressLookup() {
  const { t } = useTranslation('kiosk');
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
  /** The cases found, and whether they were asked for by the card: nothing found is told in the words of how it was asked. */
  const [found, setFound] = useState<{ cases: CaseProgress[]; byCard: boolean }>();
  const {
    run: lookUp,
    busy,
    error,
    dismiss,
  } = useCall(
    async (host, query: Query) => ({ cases: (await host.invoke('kiosk.progress', query)).cases, byCard: 'withIdCard' in query }),
    {
      onAnswer(answer) {
        setFound(answer);
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
    <section aria-labelledby="progress-title" className="kiosk-page">
      <h2 id="progress-title" className="prompt">
        {t('progress.prompt')}
      </h2>
      <ErrorBanner message={numberError ?? error} onDismiss={numberError ? () => setNumberError(undefined) : error ? dismiss : undefined} />
      {busy && <Busy text={t('progress.searching')} />}
      {found ? (
        <div aria-live="polite" data-testid="progress-results" className="progress-results">
          {found.cases.length === 0 ? (
            <p className="muted" role="status">
              {found.byCard ? t('progress.noneByCard') : t('progress.noneByNumber')}
            </p>
          ) : (
            // Many cases scroll inside their list, so 重新查询 stays on the glass below them.
            <div role="region" tabIndex={0} aria-label={t('progress.found', { count: found.cases.length })} className="progress-cases">
              {found.cases.map((progress) => (
                <CaseCard key={progress.caseNumber} progress={progress} />
              ))}
            </div>
          )}
          <button type="button" onClick={() => setFound(undefined)}>
            {t('progress.again')}
          </button>
        </div>
      ) : (
        <>
          {code === undefined ? (
            <KeyboardField
              label={t('progress.receipt')}
              value={typed}
              onChange={(value) => {
                setNumberError(undefined);
                setTyped(value.toUpperCase().replace(/[^A-Z0-9 -]/g, ''));
              }}
              layout="letters"
              maxLength={50}
              onDone={toCheckCode}
              doneDisabled={!typed.trim()}
              doneLabel={t('progress.next')}
            />
          ) : (
            <div className="keyboard-step">
              <p className="keyboard-step-given">
                {t('progress.number')} <strong>{typed}</strong>{' '}
                <button type="button" onClick={() => setCode(undefined)}>
                  {t('progress.change')}
                </button>
              </p>
              <KeyboardField
                label={t('progress.checkCode')}
                value={code}
                onChange={(value) => setCode(value.replace(/\D/g, ''))}
                layout="digits"
                maxLength={6}
                onDone={() => void lookUp({ reference: typed, checkCode: code })}
                doneDisabled={code.length !== 6 || busy}
                doneLabel={t('progress.submit')}
              />
            </div>
          )}
          <SimulatedScan scanner={scanner.data} />
          <CardOption
            heading={t('progress.byCard')}
            action={t('progress.withCard')}
            busy={busy}
            onUse={() => void lookUp({ withIdCard: true })}
          />
        </>
      )}
    </section>
  );
}
