import { useCallback, useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { Methods } from '../../shared/contract.js';
import { ElderlyToggle } from '../components/ElderlyToggle.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { Shell } from '../components/Shell.js';
import { TicketPrintStatus } from '../components/TicketPrintStatus.js';
import { useEvent, useQuery, useRpc } from '../rpc/hooks.js';

/** How long the number stays on screen before the kiosk returns home for the next citizen. */
const TICKET_SCREEN_SECONDS = 30;
/** How long a card read at the kiosk stays on screen, where the people behind can see it. */
const KIOSK_CARD_SECONDS = 20;

export default function KioskApp() {
  const rpc = useRpc();
  const queues = useQuery('queue.list', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  const [elderly, setElderly] = useState(false);
  const [busyQueue, setBusyQueue] = useState<string>();
  const [ticket, setTicket] = useState<OutputOf<Methods, 'queue.takeTicket'>>();
  const [error, setError] = useState<string>();
  const [code, setCode] = useState('');
  /** A card read just now goes with the next number (limits per card, green channel by age). */
  const [cardReadAt, setCardReadAt] = useState<number | null>(null);
  useEvent(
    'idcard.card',
    useCallback(() => setCardReadAt(Date.now()), []),
  );

  const goHome = () => {
    setTicket(undefined);
    setElderly(false);
  };

  useEffect(() => {
    if (!ticket) return;
    const timer = setTimeout(goHome, TICKET_SCREEN_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [ticket]);

  /** Gets a ticket one way or another, with the button that asked for it busy meanwhile; says why when it cannot. */
  async function obtain(busy: string, request: () => Promise<OutputOf<Methods, 'queue.takeTicket'>>): Promise<void> {
    setBusyQueue(busy);
    setError(undefined);
    try {
      setTicket(await request());
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusyQueue(undefined);
    }
  }

  const checkIn = (withIdCard: boolean) =>
    obtain('check-in', async () => {
      const checkedIn = await rpc.invoke('queue.checkIn', withIdCard ? { withIdCard: true } : { code });
      setCode('');
      return checkedIn;
    });

  function take(queueId: string) {
    const withIdCard = cardReadAt !== null && Date.now() - cardReadAt < KIOSK_CARD_SECONDS * 1000;
    setCardReadAt(null);
    return obtain(queueId, () => rpc.invoke('queue.takeTicket', { queueId, withIdCard }));
  }

  return (
    <Shell title="自助取号 Take a number" elderly={elderly} actions={<ElderlyToggle on={elderly} onChange={setElderly} />}>
      <ErrorBanner message={error ?? (queues.data ? undefined : queues.error)} onDismiss={error ? () => setError(undefined) : undefined} />
      {ticket ? (
        <section className="ticket" aria-labelledby="ticket-number">
          <p className="ticket-queue">{ticket.queueName}</p>
          <p className="ticket-label">您的号码 Your number</p>
          <p id="ticket-number" className="ticket-number" data-testid="ticket-number">
            {ticket.ticketNumber}
          </p>
          <p className="ticket-ahead">
            前面还有 <strong>{ticket.waitingAhead}</strong> 人等候 · {ticket.waitingAhead} ahead of you
          </p>
          <p className="ticket-hint">请留意大屏和语音叫号 Please watch the board for your number</p>
          <TicketPrintStatus job={ticket.print} ticketNumber={ticket.ticketNumber} />
          <button type="button" className="primary" onClick={goHome}>
            完成 Done
          </button>
        </section>
      ) : (
        <section aria-label="选择业务 Choose a business">
          <h2 className="prompt">请选择要办理的业务 Please choose your business</h2>
          <div className="queue-grid">
            {queues.data?.queues.map((queue) => (
              <button
                key={queue.id}
                type="button"
                className="queue-button"
                disabled={busyQueue !== undefined}
                onClick={() => void take(queue.id)}
                data-queue={queue.id}
              >
                <span className="queue-name">{queue.name}</span>
                <span className="queue-waiting">
                  等候 {queue.waiting} 人{queue.estimatedWaitMinutes !== null && queue.waiting > 0 ? ` · 约 ${queue.estimatedWaitMinutes} 分钟` : ''}
                </span>
                <span className="queue-action">{busyQueue === queue.id ? '正在取号…' : '取号 Take'}</span>
              </button>
            ))}
          </div>
          <form
            className="panel check-in"
            aria-label="预约签到 Appointment check-in"
            onSubmit={(event) => {
              event.preventDefault();
              void checkIn(false);
            }}
          >
            <h2>预约签到 Appointment check-in</h2>
            <div className="button-row">
              <input
                value={code}
                onChange={(event) => setCode(event.target.value.toUpperCase())}
                maxLength={8}
                placeholder="8 位预约码 code"
                aria-label="预约码 Appointment code"
                autoComplete="off"
              />
              <button type="submit" className="primary" disabled={code.trim().length !== 8 || busyQueue !== undefined}>
                签到 Check in
              </button>
              <button type="button" disabled={busyQueue !== undefined} onClick={() => void checkIn(true)}>
                刷身份证签到 Check in with ID card
              </button>
            </div>
          </form>
          <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} />
        </section>
      )}
    </Shell>
  );
}
