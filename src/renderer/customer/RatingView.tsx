import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../shared/customer-view.js';
import { BAD_REVIEW_REASONS, isBadReview, SATISFACTION_LEVELS } from '../../shared/satisfaction.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { Button } from '../design/index.js';
import { FaceIcon } from './icons.js';

/** One entry for each of a tuple's, so a level or reason added in src/shared without its words fails to compile. */
type OnePer<T extends readonly unknown[], V> = { readonly [K in keyof T]: V };

/** The catalogue's words for each level and reason, in the order of SATISFACTION_LEVELS and BAD_REVIEW_REASONS. */
const LEVEL_KEYS: OnePer<typeof SATISFACTION_LEVELS, 'veryGood' | 'good' | 'fair' | 'bad' | 'veryBad'> = [
  'veryGood',
  'good',
  'fair',
  'bad',
  'veryBad',
];
const REASON_KEYS: OnePer<typeof BAD_REVIEW_REASONS, 'wait' | 'process' | 'materials' | 'attitude' | 'notDone' | 'other'> = [
  'wait',
  'process',
  'materials',
  'attitude',
  'notDone',
  'other',
];

interface RatingViewProps {
  view: Extract<CustomerView, { kind: 'rating' }>;
  error: string | undefined;
  onRate(level: number, reasons: string[]): void;
  onSkip(): void;
}

/** 好差评 after a service: five faces, a 差评's reasons (never required), and a way not to rate at all. */
export function RatingView({ view, error, onRate, onSkip }: RatingViewProps) {
  const { t } = useTranslation('customer');
  /** A 差评 being given: the applicant may say why (or not) before sending it. */
  const [bad, setBad] = useState<{ level: number; reasons: string[] }>();
  const toggle = (reason: string) =>
    bad &&
    setBad({
      ...bad,
      reasons: bad.reasons.includes(reason) ? bad.reasons.filter((picked) => picked !== reason) : [...bad.reasons, reason],
    });

  return (
    <div className="customer-card customer-rating">
      <p className="customer-window">{t('rating.finished', { ticket: view.ticketNumber })}</p>
      <h2 className="customer-greeting">{t('rating.title')}</h2>
      <p className="customer-hint">{t('rating.optional')}</p>
      <div className="rating-levels">
        {SATISFACTION_LEVELS.map((level, index) => (
          <button
            key={level.code}
            type="button"
            className="rating-level"
            data-tone={isBadReview(level.code) ? 'bad' : level.code === 3 ? 'fair' : 'good'}
            aria-pressed={bad?.level === level.code}
            onClick={() => (isBadReview(level.code) ? setBad({ level: level.code, reasons: [] }) : onRate(level.code, []))}
          >
            <FaceIcon level={level.code} />
            {t(`rating.levels.${LEVEL_KEYS[index]!}`)}
          </button>
        ))}
      </div>
      {bad && (
        <div className="rating-reasons" role="group" aria-label={t('rating.whyLabel')}>
          <p>{t('rating.why')}</p>
          <div className="rating-reason-list">
            {BAD_REVIEW_REASONS.map((reason, index) => (
              <button
                key={reason}
                type="button"
                className="ds-button rating-reason"
                aria-pressed={bad.reasons.includes(reason)}
                onClick={() => toggle(reason)}
              >
                {t(`rating.reasons.${REASON_KEYS[index]!}`)}
              </button>
            ))}
          </div>
          <Button variant="primary" size="large" onClick={() => onRate(bad.level, bad.reasons)}>
            {t('rating.send')}
          </Button>
        </div>
      )}
      <Button variant="quiet" className="rating-skip" onClick={onSkip}>
        {t('rating.skip')}
      </Button>
      <ErrorBanner inline message={error} />
    </div>
  );
}
