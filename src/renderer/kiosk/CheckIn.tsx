import { useCallback, useState } from 'react';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { useRpc } from '../rpc/hooks.js';
import { useScans } from '../scanner/useScans.js';
import { KeyboardField } from './KeyboardField.js';
import { KIOSK_CARD_SECONDS, TicketShown } from './TakeNumber.js';

/** 预约签到: the appointment code typed or scanned from the booking, or the ID card it was booked with. */
export default function CheckIn() {
  const rpc = useRpc();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [ticket, setTicket] = useState<OutputOf<Methods, 'queue.checkIn'>>();

  const checkIn = useCallback(
    async (input: { code: string } | { withIdCard: true }) => {
      setBusy(true);
      setError(undefined);
      try {
        setTicket(await rpc.invoke('queue.checkIn', input));
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [rpc],
  );
  useScans(
    useCallback(
      (scan: Scan) => {
        const scanned = scan.text.trim().toUpperCase();
        setCode(scanned.slice(0, 8));
        void checkIn({ code: scanned });
      },
      [checkIn],
    ),
  );

  if (ticket) return <TicketShown ticket={ticket} estimatedWaitMinutes={null} />;
  const ready = /^[A-Z0-9]{8}$/.test(code);
  return (
    <section aria-labelledby="checkin-title" className="kiosk-columns">
      <div>
        <h2 id="checkin-title" className="prompt">
          输入或扫描预约码 Enter or scan your appointment code
        </h2>
        <ErrorBanner message={error} onDismiss={error ? () => setError(undefined) : undefined} />
        <KeyboardField
          label="预约码（8 位）Appointment code"
          value={code}
          onChange={(value) => setCode(value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8))}
          layout="letters"
          maxLength={8}
          onDone={ready && !busy ? () => void checkIn({ code }) : undefined}
          doneLabel="签到 Check in"
        />
      </div>
      <div>
        <h2 className="prompt">或刷身份证签到 Or use your ID card</h2>
        <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} />
        <button type="button" className="primary wide" disabled={busy} onClick={() => void checkIn({ withIdCard: true })}>
          用刚读取的身份证签到 Check in with the card
        </button>
      </div>
    </section>
  );
}
