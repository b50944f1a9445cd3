import { useTranslation } from 'react-i18next';
import type { SignatureStrokes } from '../../shared/cases.js';
import type { CustomerView } from '../../shared/customer-view.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { CheckIcon } from './icons.js';
import { reviewFacts } from './review-facts.js';
import { SignaturePad } from './SignaturePad.js';

interface ReviewViewProps {
  view: Extract<CustomerView, { kind: 'review' }>;
  busy: boolean;
  error: string | undefined;
  onSigned(strokes: SignatureStrokes, png: string): void;
}

/**
 * What is being recorded, for the applicant to check, beside the pad they sign on: on one screen, the
 * facts on the left (scrolling within themselves when a form is long), the signature always in view.
 */
export function ReviewView({ view, busy, error, onSigned }: ReviewViewProps) {
  const { t } = useTranslation('customer');
  const facts = reviewFacts(view);
  return (
    <div className="customer-review" data-testid="customer-review">
      {/* A long form scrolls here: the section takes the focus, so it scrolls with the keys too. */}
      <section className="customer-facts" aria-labelledby="review-title" tabIndex={0}>
        <h2 id="review-title" className="customer-section-title">
          {t('review.title')}
        </h2>
        <p className="customer-hint">{t('review.hint')}</p>
        <dl className="facts">
          <div className="fact fact-main">
            <dt>{t('review.item')}</dt>
            <dd>{view.itemName}</dd>
          </div>
          {view.applicantName && (
            <div className="fact">
              <dt>{t('review.applicant')}</dt>
              <dd>
                {view.applicantName}
                <span className="fact-id">{view.applicantIdNumber}</span>
              </dd>
            </div>
          )}
          {facts.map((fact) => (
            <div className="fact" key={fact.value}>
              <dt>{fact.labels.join(' / ')}</dt>
              <dd>{fact.value}</dd>
            </div>
          ))}
        </dl>
        {view.materials.length > 0 && (
          <>
            <h3 className="customer-subtitle">{t('review.materials')}</h3>
            <ul className="facts-materials">
              {view.materials.map((material) => (
                <li key={material.name}>
                  <span>{material.name}</span>
                  <span className="facts-material-form">{t('review.material', { form: material.form, count: material.count })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="customer-sign" aria-labelledby="sign-title">
        {view.confirmed ? (
          <div className="customer-confirmed" role="status">
            <CheckIcon className="customer-icon customer-icon-ok" />
            <h2 id="sign-title" className="customer-greeting">
              {t('review.confirmed')}
            </h2>
            <p className="customer-hint">{t('review.confirmedHint')}</p>
          </div>
        ) : (
          <>
            <h2 id="sign-title" className="customer-section-title">
              {t('review.signTitle')}
            </h2>
            <SignaturePad busy={busy} onSigned={onSigned} />
          </>
        )}
        <ErrorBanner inline message={error} />
      </section>
    </div>
  );
}
