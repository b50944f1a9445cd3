import { useCallback, useEffect, useState } from 'react';
import type { Methods } from '../../shared/contract.js';
import type { QueueSummary } from '../../shared/tickets.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { TicketPrintStatus } from '../components/TicketPrintStatus.js';
import { useEvent, useQuery, useReconnected } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { useKioskVisit } from './kiosk-context.js';

type IssuedTicket = OutputOf<Methods, 'queue.takeTicket'>;

/** How long the number stays on screen before the kiosk returns home for the next citizen. */
const TICKET_SCREEN_SECONDS = 30;
/** How long a card read at the kiosk counts for the next number, and stays on screen. */
export const KIOSK_CARD_SECONDS = 20;

/** The citizen's number, big, with the people ahead and the wait; it stays even when the slip cannot print. */
export function TicketShown({ ticket, estimatedWaitMinutes }: { ticket: IssuedTicket; estimatedWaitMinutes: number | null }) {
  const { finish, speak } = useKioskVisit();
  useEffect(() => {
    speak(`您的号码是 ${ticket.ticketNumber}，前面还有 ${ticket.waitingAhead} 人`, true);
    const timer = setTimeout(finish, TICKET_SCREEN_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [ticket, finish, speak]);
  return (
    <section className="ticket" aria-labelledby="ticket-number">
      <p className="ticket-queue">{ticket.queueName}</p>
      <p className="ticket-label">您的号码 Your number</p>
      <p id="ticket-number" className="ticket-number" data-testid="ticket-number">
        {ticket.ticketNumber}
      </p>
      <p className="ticket-ahead">
        前面还有 <strong>{ticket.waitingAhead}</strong> 人等候 · {ticket.waitingAhead} ahead of you
        {estimatedWaitMinutes !== null && ticket.waitingAhead > 0 && (
          <>
            {' '}
            · 预计等候约 {estimatedWaitMinutes} 分钟 · about {estimatedWaitMinutes} min
          </>
        )}
      </p>
      <p className="ticket-hint">请留意大屏和语音叫号 Please watch the board for your number</p>
      <TicketPrintStatus job={ticket.print} ticketNumber={ticket.ticketNumber} />
      <button type="button" className="primary" onClick={finish}>
        完成 Done
      </button>
    </section>
  );
}

/** 取号: choose the business, with the ID card where the hall asks for it, and get the number. */
export function TakeNumber() {
  const { speak } = useKioskVisit();
  const queues = useQuery('queue.list', {}, { refreshOn: ['hall.event', 'hall.resync'] });
  /** The queue whose number is being taken. */
  const [taking, setTaking] = useState<string>();
  const [issued, setIssued] = useState<{ ticket: IssuedTicket; wait: number | null }>();
  const ticket = useCall(
    async (host, queue: QueueSummary, withIdCard: boolean) => ({
      ticket: await host.create('queue.takeTicket', { queueId: queue.id, withIdCard }),
      wait: queue.estimatedWaitMinutes,
    }),
    {
      onAnswer: setIssued,
      onFailure: (message) => speak(message.split(' / ')[0]!),
    },
  );
  const [cardReadAt, setCardReadAt] = useState<number | null>(null);
  useEvent(
    'idcard.card',
    useCallback(() => setCardReadAt(Date.now()), []),
  );
  useReconnected(useCallback(() => setCardReadAt(null), []));

  useEffect(() => speak('请选择要办理的业务，需要时请刷身份证'), [speak]);

  function take(queue: QueueSummary) {
    const withIdCard = cardReadAt !== null && Date.now() - cardReadAt < KIOSK_CARD_SECONDS * 1000;
    if (queue.idRequired && !withIdCard) {
      const message = `“${queue.name}”须刷身份证取号：请将身份证平放在读卡区，读取成功后再点此业务 / this business needs your ID card: place it on the reader first`;
      ticket.fail(message);
      speak('此业务需要刷身份证，请将身份证放在读卡区');
      return;
    }
    setTaking(queue.id);
    setCardReadAt(null);
    void ticket.run(queue, withIdCard);
  }

  if (issued) return <TicketShown ticket={issued.ticket} estimatedWaitMinutes={issued.wait} />;
  return (
    <section aria-labelledby="take-title">
      <h2 id="take-title" className="prompt">
        请选择要办理的业务 Please choose your business
      </h2>
      <ErrorBanner
        message={ticket.error ?? (queues.data ? undefined : queues.error)}
        onDismiss={ticket.error ? ticket.dismiss : undefined}
      />
      {/* Above the queues, so it is on the screen however many queues the hall has and however large 长辈模式 makes them. */}
      <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} />
      <div className="queue-grid">
        {queues.data?.queues.map((queue) => (
          <button
            key={queue.id}
            type="button"
            className="queue-button"
            disabled={ticket.busy}
            onClick={() => take(queue)}
            data-queue={queue.id}
          >
            <span className="queue-name">{queue.name}</span>
            <span className="queue-waiting">
              等候 {queue.waiting} 人
              {queue.estimatedWaitMinutes !== null && queue.waiting > 0 ? ` · 约 ${queue.estimatedWaitMinutes} 分钟` : ''}
            </span>
            {queue.idRequired && <span className="queue-id-required">需刷身份证 ID card needed</span>}
            <span className="queue-action">{ticket.busy && taking === queue.id ? '正在取号…' : '取号 Take'}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
