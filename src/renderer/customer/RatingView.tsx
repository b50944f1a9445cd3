import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../shared/customer-view.js';
import { FollowUpContactSchema } from '../../shared/follow-up.js';
import { BAD_REVIEW_REASONS, isBadReview, SATISFACTION_LEVELS } from '../../shared/satisfaction.js';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard.js';
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
  onRate(level: number, reasons: string[], contact?: string): void;
  onSkip(): void;
}

/** A number shown back with its middle hidden: the screen faces the hall. */
const masked = (number: string) => (number.length > 7 ? `${number.slice(0, 3)}****${number.slice(-4)}` : number);

/** 好差评 after a service: five faces, a 差评's reasons (never required), and a way not to rate at all. */
export function RatingView({ view, error, onRate, onSkip }: RatingViewProps) {
  const { t } = useTranslation('customer');
  /** A 差评 being given: the applicant may say why (or not) before sending it. */
  const [bad, setBad] = useState<{ level: number; reasons: string[] }>();
  /** A phone number for the hall's call back, never required; being typed while `typing`. */
  const [contact, setContact] = useState('');
  const [typing, setTyping] = useState(false);
  const [contactProblem, setContactProblem] = useState(false);
  const contactDone = () => {
    const valid = contact === '' || FollowUpContactSchema.safeParse(contact).success;
    setContactProblem(!valid);
    if (valid) setTyping(false);
  };
  const toggle = (reason: string) =>
    bad &&
    setBad({
      ...bad,
      reasons: bad.reasons.includes(reason) ? bad.reasons.filter((picked) => picked !== reason) : [...bad.reasons, reason],
    });

  return (
    <div className="customer-card customer-rating">
      <p className="customer-window">{t('rating.finished', { ticket: view.ticketNumber })}</p>
      {/* While a number is typed the pad takes the faces' place: the card holds one or the other. */}
      <h2 className="customer-greeting">{typing ? t('rating.contactLabel') : t('rating.title')}</h2>
      {!typing && <p className="customer-hint">{t('rating.optional')}</p>}
      {!typing && (
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
      )}
      {bad && typing && (
        <div className="rating-reasons rating-contact" role="group" aria-label={t('rating.contactLabel')}>
          <label htmlFor="rating-contact-number">{t('rating.contactHint')}</label>
          <input
            id="rating-contact-number"
            value={contact}
            inputMode="none"
            autoComplete="off"
            maxLength={13}
            aria-invalid={contactProblem ? true : undefined}
            onChange={(event) => setContact(event.target.value.replace(/[^\d-]/g, ''))}
          />
          {contactProblem && <p role="alert">{t('rating.contactInvalid')}</p>}
          <OnScreenKeyboard layout="phone" value={contact} onChange={setContact} maxLength={13} onDone={contactDone} />
        </div>
      )}
      {bad && !typing && (
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
          <Button variant="secondary" onClick={() => setTyping(true)}>
            {contact ? t('rating.contactGiven', { number: masked(contact) }) : t('rating.contactAdd')}
          </Button>
          <Button variant="primary" size="large" onClick={() => onRate(bad.level, bad.reasons, contact || undefined)}>
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
