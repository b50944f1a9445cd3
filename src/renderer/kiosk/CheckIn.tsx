import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { Scan } from '../../shared/scanner.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { SimulatedScan } from '../components/SimulatedScan.js';
import { useHallLink } from '../components/use-link-status.js';
import { Notice } from '../design/index.js';
import { useCall } from '../rpc/use-call.js';
import { useScans } from '../scanner/useScans.js';
import { Busy } from './Busy.js';
import { CardOption } from './CardOption.js';
import { KeyboardField } from './KeyboardField.js';
import { useKioskVisit } from './kiosk-context.js';
import { TicketShown } from './TakeNumber.js';

/** 预约签到: the appointment code typed or scanned from the booking, or the ID card it was booked with. */
export default function CheckIn() {
  const { t } = useTranslation('kiosk');
  const { open } = useKioskVisit();
  const hall = useHallLink();
  const [code, setCode] = useState('');
  const [ticket, setTicket] = useState<OutputOf<Methods, 'queue.checkIn'>>();
  const {
    run: checkIn,
    busy,
    error,
    dismiss,
  } = useCall((host, input: { code: string } | { withIdCard: true }) => host.create('queue.checkIn', input), { onAnswer: setTicket });
  // An answer that did not come while the hall was away is not the last word once it is back: the citizen tries again afresh.
  useEffect(() => {
    if (hall === 'online') dismiss();
  }, [hall, dismiss]);
  const scanner = useScans(
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
    <section aria-labelledby="checkin-title" className="kiosk-page">
      <h2 id="checkin-title" className="prompt">
        {t('checkIn.prompt')}
      </h2>
      {/* Only the hall knows the booking: cut off, the citizen still gets in line, with an offline number. */}
      {hall === 'offline' && (
        <Notice
          tone="warn"
          testId="checkin-offline"
          actions={
            <button type="button" className="primary" onClick={() => open('take')}>
              {t('checkIn.takeInstead')}
            </button>
          }
        >
          {t('checkIn.offline')}
        </Notice>
      )}
      <ErrorBanner message={error} onDismiss={error ? dismiss : undefined} />
      {busy && <Busy text={t('checkIn.checking')} />}
      <KeyboardField
        label={t('checkIn.code')}
        value={code}
        onChange={(value) =>
          setCode(
            value
              .toUpperCase()
              .replace(/[^A-Z0-9]/g, '')
              .slice(0, 8),
          )
        }
        layout="letters"
        maxLength={8}
        onDone={() => void checkIn({ code })}
        doneDisabled={!ready || busy}
        doneLabel={t('checkIn.submit')}
      />
      <SimulatedScan scanner={scanner.data} />
      <CardOption
        heading={t('checkIn.byCard')}
        action={t('checkIn.withCard')}
        busy={busy}
        onUse={() => void checkIn({ withIdCard: true })}
      />
    </section>
  );
}
