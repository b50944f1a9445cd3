import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import type { GuideTarget } from '../../shared/guide-document.js';
import type { PrintJobView } from '../../shared/printing.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { Busy } from './Busy.js';
import { CatalogPicker } from './CatalogPicker.js';

export const targetOf = (hit: CatalogHit): GuideTarget =>
  hit.kind === 'item' ? { kind: 'item', code: hit.code } : { kind: 'bundle', id: hit.code };

/** One 办事指南 on screen, as the A4 page and the slip have it, with a print button. */
function GuideView({ target, onBack }: { target: GuideTarget; onBack(): void }) {
  const { t } = useTranslation('kiosk');
  const guide = useQuery('catalog.guideContent', target);
  const content = guide.data;
  const [printed, setPrinted] = useState<PrintJobView | 'none'>();
  const print = useCall((host) => host.invoke('catalog.printGuide', target), { onAnswer: (job) => setPrinted(job ?? 'none') });

  return (
    <article className="kiosk-page guide" aria-labelledby="guide-title">
      <ErrorBanner message={print.error ?? guide.error} />
      {!content && !guide.error && <Busy text={t('guide.loading')} />}
      {content && (
        <div className="guide-body">
          <h2 id="guide-title">{t('guide.title', { name: content.title })}</h2>
          {content.sample && <p className="sample-note">{t('guide.sample')}</p>}
          <dl className="guide-facts">
            <dt>{t('guide.windows')}</dt>
            <dd>{content.windows.join(t('guide.listSeparator'))}</dd>
            <dt>{t('guide.timeLimit')}</dt>
            <dd>{content.timeLimit}</dd>
            <dt>{t('guide.fees')}</dt>
            <dd>{content.fees.length ? content.fees.join(t('guide.feeSeparator')) : t('guide.free')}</dd>
            <dt>{t('guide.flow')}</dt>
            <dd>{content.flow}</dd>
          </dl>
          <h3>{t('guide.materials')}</h3>
          <ol className="guide-materials">
            {content.materials.map((material) => (
              <li key={material.name}>
                <strong>{material.name}</strong>
                {t('guide.form', { form: material.form, copies: material.count > 1 ? t('fill.copies', { count: material.count }) : '' })}
                {material.conditional && <span className="badge">{t('guide.conditional')}</span>}
                <br />
                <small>
                  {material.requirements} · {material.source}
                </small>
              </li>
            ))}
          </ol>
          {content.notes.length > 0 && (
            <>
              <h3>{t('guide.notes')}</h3>
              <ul>
                {content.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {printed !== undefined && (
        <p role="status" className="print-status">
          {printed === 'none' ? t('guide.noPrinter') : printed.error ? t('guide.cannotPrint') : t('guide.printing')}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={onBack}>
          {t('guide.back')}
        </button>
        <button type="button" className="primary" onClick={() => void print.run()} disabled={!content || print.busy}>
          {t('guide.print')}
        </button>
      </div>
    </article>
  );
}

/** 办事指南: find an item or a 一件事 and read what it takes. */
export default function ServiceGuide() {
  const { t } = useTranslation('kiosk');
  const [target, setTarget] = useState<GuideTarget>();
  if (target) return <GuideView target={target} onBack={() => setTarget(undefined)} />;
  return (
    <section aria-labelledby="guide-prompt" className="kiosk-page">
      <h2 id="guide-prompt" className="prompt">
        {t('guide.prompt')}
      </h2>
      <CatalogPicker onPick={(hit) => setTarget(targetOf(hit))} />
    </section>
  );
}
