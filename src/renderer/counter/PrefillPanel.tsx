import { useTranslation } from 'react-i18next';
import { Field } from '../design/index.js';
import { useEffect, useState } from 'react';
import { formFields } from '../../shared/catalog.js';
import type { Methods } from '../../shared/contract.js';
import { materialFormWords } from '../../shared/guide-document.js';
import type { GuidanceStep } from '../../shared/guidance.js';
import { prefillCodeFrom } from '../../shared/prefill.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { shownFieldValue } from '../forms/shown-value.js';
import { localDateTimeText } from '../../shared/local-date.js';
import { useQuery } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';

type Opened = OutputOf<Methods, 'prefill.open'>;

/**
 * 预填单: the clerk scans the slip's QR (or types the code) and sees what the applicant prepared at the
 * kiosk — the item, the materials their answers call for, the form — to check it with them.
 */
export function PrefillPanel({
  scannedCode,
  onOpened,
}: {
  scannedCode: { code: string; at: number } | undefined;
  onOpened(opened: Opened): void;
}) {
  const { t } = useTranslation('counter');
  const info = useQuery('catalog.info', {});
  const [typed, setTyped] = useState('');
  const [opened, setOpened] = useState<Opened>();
  const [guidance, setGuidance] = useState<GuidanceStep>();
  const opening = useCall(async (host, code: string) => {
    const application = await host.invoke('prefill.open', { code });
    setOpened(application);
    onOpened(application);
    setGuidance(await host.invoke('catalog.guide', application.application.request));
    setTyped('');
  });
  const open = opening.run;

  useEffect(() => {
    if (scannedCode) void open(scannedCode.code);
  }, [scannedCode, open]);

  const result = guidance?.kind === 'result' ? guidance : null;
  return (
    <section className="panel" aria-labelledby="prefill-title">
      <h2 id="prefill-title">{t('prefill.title')}</h2>
      <ErrorBanner message={opening.error} onDismiss={opening.error ? opening.dismiss : undefined} />
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          const code = prefillCodeFrom(typed);
          if (code) void open(code);
          else opening.fail(t('prefill.badCode'));
        }}
      >
        <Field label={t('prefill.code')}>
          {(control) => (
            <input {...control} value={typed} onChange={(event) => setTyped(event.target.value)} maxLength={40} autoComplete="off" />
          )}
        </Field>
        <button type="submit" className="ds-button ds-button-secondary">
          {t('prefill.open')}
        </button>
      </form>
      {opened && (
        <div data-testid="prefill-opened">
          <h3>{opened.application.title}</h3>
          <p className="muted">
            {t('prefill.filledAt', { time: localDateTimeText(opened.createdAt), version: opened.application.catalogVersion })}
          </p>
          {result && (
            <>
              <h4>{t('prefill.materials')}</h4>
              <ul>
                {result.materials.map((material) => (
                  <li key={material.id}>
                    {t('prefill.material', { name: material.name, form: materialFormWords(material), count: material.count })}
                  </li>
                ))}
              </ul>
              <h4>{result.form.title}</h4>
              <dl className="review">
                {formFields(result.form)
                  .filter((field) => opened.application.values[field.id] !== undefined)
                  .map((field) => (
                    <div key={field.id} className="review-row">
                      <dt>{field.label}</dt>
                      <dd>{shownFieldValue(field, opened.application.values[field.id]!, info.data?.regions ?? [])}</dd>
                    </div>
                  ))}
              </dl>
            </>
          )}
        </div>
      )}
    </section>
  );
}
