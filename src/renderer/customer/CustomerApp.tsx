import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureStrokes } from '../../shared/cases.js';
import type { CustomerView } from '../../shared/customer-view.js';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PanelBoundary } from '../components/PanelBoundary.js';
import { Shell } from '../components/Shell.js';
import { customer as enCustomer } from '../i18n/en/customer.js';
import { i18next, registerCatalogue } from '../i18n/index.js';
import { customer as zhCustomer } from '../i18n/zh-CN/customer.js';
import { useEvent, useQuery, useSend } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { RatingView } from './RatingView.js';
import { ReviewView } from './ReviewView.js';
import { AcceptedView, PausedView, ThanksView, WelcomeView } from './views.js';
import './customer.css';

registerCatalogue('customer', zhCustomer, enCustomer);

/** How long the thanks stay before the screen shows what the host says it shows. */
const THANKS_MS = 5000;

/** The applicant's screen beside the counter: it only shows what the clerk's terminal sends it. */
export default function CustomerApp() {
  const { t } = useTranslation('customer');
  const send = useSend();
  const initial = useQuery('display.getCustomerView', {});
  const [pushed, setPushed] = useState<CustomerView>();
  const [elderly, setElderly] = useState(false);
  const [thanks, setThanks] = useState<{ followUp: boolean }>();
  useEvent('display.customerView', setPushed);
  const view = pushed ?? initial.data;

  // Between applicants the screen is the hall's again: Chinese, standard size, for whoever sits down next
  // (once the thanks for a rating, still the last applicant's, are gone).
  const between = !thanks && (view?.kind === 'welcome' || view?.kind === 'paused');
  useEffect(() => {
    if (!between) return;
    void i18next.changeLanguage('zh-CN');
    setElderly(false);
  }, [between]);

  const confirm = useCall((host, strokes: SignatureStrokes, png: string) => host.invoke('customer.confirm', { strokes, png }));
  const rating = useCall(
    (host, level: number, reasons: string[], contact?: string) =>
      host.invoke('customer.rate', { level, reasons, ...(contact ? { contact } : {}) }),
    {
      onAnswer(evaluation) {
        setThanks({ followUp: evaluation.followUp });
        setTimeout(() => setThanks(undefined), THANKS_MS);
      },
    },
  );

  const shown = thanks ? 'thanks' : (view?.kind ?? 'loading');
  return (
    <Shell
      title={t('title')}
      elderly={elderly}
      applicantFacing
      actions={
        <>
          <LanguageSwitch />
          <ElderlyToggle on={elderly} onChange={setElderly} />
        </>
      }
    >
      <PanelBoundary part={t('part')}>
        <section className="customer-view" data-view={shown}>
          {thanks && <ThanksView followUp={thanks.followUp} />}
          {!thanks && view?.kind === 'welcome' && <WelcomeView view={view} />}
          {!thanks && view?.kind === 'review' && (
            <ReviewView view={view} busy={confirm.busy} error={confirm.error} onSigned={(strokes, png) => void confirm.run(strokes, png)} />
          )}
          {!thanks && view?.kind === 'accepted' && <AcceptedView view={view} />}
          {!thanks && view?.kind === 'rating' && (
            <RatingView
              key={view.ticketId}
              view={view}
              error={rating.error}
              onRate={(level, reasons, contact) => void rating.run(level, reasons, contact)}
              onSkip={() => void send('customer.skipRating', {})}
            />
          )}
          {!thanks && view?.kind === 'paused' && <PausedView view={view} />}
        </section>
      </PanelBoundary>
    </Shell>
  );
}
