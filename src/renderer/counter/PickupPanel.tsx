import { useEffect, useState } from 'react';
import { formatReceiptNumber } from '../../shared/case-reference.js';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { useCall } from '../rpc/use-call.js';
import { shortcut } from './shortcuts.js';

/**
 * 出件 (综合出件) at any counter of the hall: the receipt's QR scanned or its number typed, the recipient's
 * card read, and the result handed over to the applicant or their agent only, with a pickup slip to sign.
 */
export function PickupPanel({ scannedReference }: { scannedReference: { reference: string; at: number } | undefined }) {
  const [reference, setReference] = useState('');
  const [handed, setHanded] = useState<OutputOf<Methods, 'pickup.handOver'>>();
  const handOver = useCall((host, ref: string) => host.invoke('pickup.handOver', { reference: ref }), { onAnswer: setHanded });

  useEffect(() => {
    if (scannedReference) setReference(scannedReference.reference);
  }, [scannedReference]);

  return (
    <section className="panel" aria-labelledby="pickup-title">
      <h2 id="pickup-title">出件 Result pickup</h2>
      <ErrorBanner message={handOver.error} onDismiss={handOver.error ? handOver.dismiss : undefined} />
      <form
        className="button-row"
        onSubmit={(event) => {
          event.preventDefault();
          setHanded(undefined);
          void handOver.run(reference);
        }}
      >
        <label>
          回执二维码或受理编号 Receipt{' '}
          <input value={reference} onChange={(event) => setReference(event.target.value)} autoComplete="off" maxLength={80} />
        </label>
        <button type="submit" {...shortcut('F10')} disabled={handOver.busy || !reference.trim()}>
          核验证件并出件 Hand over
        </button>
      </form>
      <p className="muted">先读取领取人（申请人或代办人）的身份证 / Read the recipient's card first</p>
      {handed && (
        <p role="status" data-testid="pickup-done">
          已出件：{handed.handed.itemName} · 领取人为{handed.handed.as === 'applicant' ? '申请人' : '代办人'}
          {handed.handed.receiptNumber && ` · 受理编号 ${formatReceiptNumber(handed.handed.receiptNumber)}`}
          {handed.handed.caseNumber && ` · 办件编号 ${handed.handed.caseNumber}`}
          {handed.print ? ' · 正在打印出件单' : ' · 本窗口无打印机'}
        </p>
      )}
    </section>
  );
}
