import { useTranslation } from 'react-i18next';
import type { IntakeReview } from './review.js';

/** 申请人确认: exactly what the applicant's screen shows them to sign (F7), and whether they have. */
export function ConfirmStep({ review, confirmed, reviewSent }: { review: IntakeReview | null; confirmed: boolean; reviewSent: boolean }) {
  const { t } = useTranslation('counter');
  if (!review) return <p className="step-empty">{t('form.none')}</p>;
  return (
    <div className="step-body step-confirm">
      <p>{t('confirm.intro')}</p>
      <dl className="review-list">
        <dt>{t('confirm.item')}</dt>
        <dd>{review.itemName}</dd>
        <dt>{t('confirm.materials')}</dt>
        <dd>
          {review.materials.length ? (
            <ul className="plain-list">
              {review.materials.map((m) => (
                <li key={m.name}>{t('confirm.material', { name: m.name, form: m.form, count: m.count })}</li>
              ))}
            </ul>
          ) : (
            t('confirm.nothing')
          )}
        </dd>
        <dt>{t('confirm.fields')}</dt>
        <dd>
          {review.fields.length ? (
            <dl className="review-fields">
              {review.fields.map((field) => (
                <div key={field.label}>
                  <dt>{field.label}</dt>
                  <dd>{field.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            t('confirm.nothing')
          )}
        </dd>
      </dl>
      <p className={confirmed ? 'confirm-state confirm-state-ok' : 'confirm-state'}>
        {confirmed ? t('intake.confirmed') : reviewSent ? t('intake.waitingConfirm') : t('intake.notAsked')}
      </p>
    </div>
  );
}
