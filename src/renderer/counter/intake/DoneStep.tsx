import { useTranslation } from 'react-i18next';
import { formatReceiptNumber } from '../../../shared/case-reference.js';
import { Button } from '../../design/index.js';
import type { Outcome } from './flow.js';

/** 出件: what was decided and printed; the next item of a 一件事, or the next applicant. */
export function DoneStep({
  outcome,
  moreInBundle,
  onNextItem,
  onNextApplicant,
}: {
  outcome: Outcome;
  moreInBundle: boolean;
  onNextItem(): void;
  onNextApplicant(): void;
}) {
  const { t } = useTranslation('counter');
  const what = { item: outcome.itemName, name: outcome.applicantName };
  return (
    <div className="step-body step-done" data-testid="intake-done">
      <p role="status" className={outcome.refused ? 'done-line done-line-refused' : 'done-line'}>
        {outcome.refused ? (outcome.oneTimeNotice ? t('done.refusedWithNotice', what) : t('done.refused', what)) : t('done.accepted', what)}
      </p>
      <div className="done-facts">
        {outcome.receiptNumber && (
          <p className="receipt-number">{t('done.receipt', { number: formatReceiptNumber(outcome.receiptNumber) })}</p>
        )}
        {outcome.caseNumber && <p>{t('done.caseNumber', { number: outcome.caseNumber })}</p>}
        <p className="muted">{outcome.printed ? t('done.printing') : t('done.noPrinter')}</p>
      </div>
      <div className="choice-row">
        {moreInBundle && <Button onClick={onNextItem}>{t('done.nextItem')}</Button>}
        <Button variant="primary" onClick={onNextApplicant}>
          {t('done.nextApplicant')}
        </Button>
      </div>
    </div>
  );
}
