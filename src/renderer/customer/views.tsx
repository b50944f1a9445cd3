import { useTranslation } from 'react-i18next';
import type { CustomerView } from '../../shared/customer-view.js';
import { useLocalise } from '../i18n/index.js';
import { CheckIcon, PauseIcon, StepIcon } from './icons.js';

type ViewOf<K extends CustomerView['kind']> = Extract<CustomerView, { kind: K }>;

const STEPS = ['card', 'check', 'rate'] as const;

/** Between applicants: the window, the clerk on duty, and what happens here, in three steps. */
export function WelcomeView({ view }: { view: ViewOf<'welcome'> }) {
  const { t } = useTranslation('customer');
  return (
    <div className="customer-card customer-welcome">
      <p className="customer-window">{view.windowLabel}</p>
      <h2 className="customer-greeting">{t('welcome.greeting')}</h2>
      {view.clerkName && (
        <p className="customer-clerk">
          {t('welcome.clerk', { name: view.clerkName })}
          {view.clerkId && <span className="customer-clerk-id">{t('welcome.clerkId', { id: view.clerkId })}</span>}
        </p>
      )}
      <ol className="welcome-steps" aria-label={t('welcome.stepsTitle')}>
        {STEPS.map((step, index) => (
          <li key={step}>
            <StepIcon step={step} />
            <span className="welcome-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span>{t(`welcome.steps.${step}`)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** 受理 done: the receipt number as printed on the receipt, which the applicant keeps. */
export function AcceptedView({ view }: { view: ViewOf<'accepted'> }) {
  const { t } = useTranslation('customer');
  return (
    <div className="customer-card customer-accepted" role="status">
      <CheckIcon className="customer-icon customer-icon-ok" />
      <h2 className="customer-greeting">{t('accepted.title')}</h2>
      <p className="customer-item">{view.itemName}</p>
      <p className="customer-receipt">
        <span className="customer-receipt-label">{t('accepted.receipt')}</span>
        <strong className="customer-receipt-number" data-testid="customer-receipt-number">
          {view.receiptNumber}
        </strong>
      </p>
      <p className="customer-hint">{t('accepted.hint')}</p>
    </div>
  );
}

/** The window is paused in the hall: the same pause the board and the queue show. */
export function PausedView({ view }: { view: ViewOf<'paused'> }) {
  const { t } = useTranslation('customer');
  const localise = useLocalise();
  return (
    <div className="customer-card customer-paused">
      <PauseIcon className="customer-icon customer-icon-warn" />
      <p className="customer-window">{view.windowLabel}</p>
      <h2 className="customer-greeting">{t('paused.title')}</h2>
      {view.reason && <p className="customer-hint">{localise(view.reason)}</p>}
    </div>
  );
}

/** After a rating: thanks, and for a 差评 the promise of an answer. */
export function ThanksView({ followUp }: { followUp: boolean }) {
  const { t } = useTranslation('customer');
  return (
    <div className="customer-card customer-thanks" role="status">
      <CheckIcon className="customer-icon customer-icon-ok" />
      <h2 className="customer-greeting">{followUp ? t('thanks.followUp') : t('thanks.plain')}</h2>
    </div>
  );
}
