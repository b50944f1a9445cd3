import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { formatReceiptNumber } from '../../shared/case-reference.js';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useCall } from '../rpc/use-call.js';
import { Button, Field } from '../design/index.js';
import { shortcut } from './shortcuts.js';

/**
 * 出件 (综合出件) at any counter of the hall: the receipt's QR scanned or its number typed, the recipient's
 * card read, and the result handed over to the applicant or their agent only, with a pickup slip to sign.
 */
export function PickupPanel({ scannedReference }: { scannedReference: { reference: string; at: number } | undefined }) {
  const { t } = useTranslation('counter');
  const [reference, setReference] = useState('');
  const [handed, setHanded] = useState<OutputOf<Methods, 'pickup.handOver'>>();
  const handOver = useCall((host, ref: string) => host.invoke('pickup.handOver', { reference: ref }), { onAnswer: setHanded });

  useEffect(() => {
    if (scannedReference) setReference(scannedReference.reference);
  }, [scannedReference]);

  return (
    <section className="panel" aria-labelledby="pickup-title">
      <h2 id="pickup-title">{t('pickup.title')}</h2>
      <ErrorBanner message={handOver.error} onDismiss={handOver.error ? handOver.dismiss : undefined} />
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          setHanded(undefined);
          void handOver.run(reference);
        }}
      >
        <Field label={t('pickup.reference')}>
          {(control) => (
            <input
              {...control}
              value={reference}
              onChange={(event) => setReference(event.target.value)}
              autoComplete="off"
              maxLength={80}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" {...shortcut('F10')} disabled={handOver.busy || !reference.trim()}>
          {t('pickup.handOver')}
        </Button>
      </form>
      <p className="muted">{t('pickup.readFirst')}</p>
      {handed && (
        <p role="status" data-testid="pickup-done">
          {t('pickup.done', {
            item: handed.handed.itemName,
            who: t(handed.handed.as === 'applicant' ? 'pickup.applicant' : 'pickup.agent'),
          })}
          {handed.handed.receiptNumber && t('pickup.receipt', { number: formatReceiptNumber(handed.handed.receiptNumber) })}
          {handed.handed.caseNumber && t('pickup.caseNumber', { number: handed.handed.caseNumber })}
          {handed.print ? t('pickup.printing') : t('pickup.noPrinter')}
        </p>
      )}
    </section>
  );
}
