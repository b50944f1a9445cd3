import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Methods } from '../../shared/contract.js';
import type { OutputOf } from '../../shared/rpc/define.js';
import type { QueueSummary } from '../../shared/tickets.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { IdCardPanel } from '../components/IdCardPanel.js';
import { TicketPrintStatus } from '../components/TicketPrintStatus.js';
import { useHallLink } from '../components/use-link-status.js';
import { Notice } from '../design/index.js';
import { useLocalise } from '../i18n/index.js';
import { useEvent, useQuery, useReconnected } from '../rpc/hooks.js';
import { useCall } from '../rpc/use-call.js';
import { Busy } from './Busy.js';
import { CardInsert } from './CardInsert.js';
import { useKioskVisit } from './kiosk-context.js';

type IssuedTicket = OutputOf<Methods, 'queue.takeTicket'>;

/** How long the number stays on screen before the kiosk returns home for the next citizen. */
const TICKET_SCREEN_SECONDS = 30;
/** How long a card read at the kiosk counts for the next number, and stays on screen. */
export const KIOSK_CARD_SECONDS = 20;

/** The citizen's number, big, with the people ahead and the wait; it stays even when the slip cannot print. */
export function TicketShown({ ticket, estimatedWaitMinutes }: { ticket: IssuedTicket; estimatedWaitMinutes: number | null }) {
  const { t } = useTranslation('kiosk');
  const { finish, speak } = useKioskVisit();
  // Said once, when the number is shown: a language switch meanwhile does not say it again.
  const spoken = useRef('');
  spoken.current =
    ticket.waitingAhead === null
      ? t('ticket.spokenOffline', { number: ticket.ticketNumber })
      : t('ticket.spoken', { number: ticket.ticketNumber, count: ticket.waitingAhead });
  useEffect(() => {
    speak(spoken.current, true);
    const timer = setTimeout(finish, TICKET_SCREEN_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [ticket, finish, speak]);
  return (
    <section className="ticket" aria-labelledby="ticket-number">
      <p className="ticket-queue">{ticket.queueName}</p>
      <p className="ticket-label">{t('ticket.label')}</p>
      <p id="ticket-number" className="ticket-number" data-testid="ticket-number">
        {ticket.ticketNumber}
      </p>
      {ticket.waitingAhead === null ? (
        <p className="ticket-offline" data-testid="ticket-offline">
          {t('ticket.offline')}
        </p>
      ) : (
        <p className="ticket-ahead">
          {t('ticket.ahead', { count: ticket.waitingAhead })}
          {estimatedWaitMinutes !== null && ticket.waitingAhead > 0 && <> · {t('ticket.wait', { minutes: estimatedWaitMinutes })}</>}
        </p>
      )}
      <p className="ticket-hint">{t(ticket.offline ? 'ticket.offlineHint' : 'ticket.hint')}</p>
      <TicketPrintStatus job={ticket.print} ticketNumber={ticket.ticketNumber} />
      <button type="button" className="primary ticket-done" onClick={finish}>
        {t('ticket.done')}
      </button>
    </section>
  );
}

/** What stands where the queues go while there are none to show: why, and what to do. */
function NoQueues({ loaded, error }: { loaded: boolean; error: string | undefined }) {
  const { t } = useTranslation('kiosk');
  const hall = useHallLink();
  if (loaded) return <Notice tone="warn">{t('take.noQueues')}</Notice>;
  // The host's own words (ErrorBanner above) say it when the call failed; while it waits, the link says why.
  if (error) return null;
  if (hall === 'offline') return <Notice tone="bad">{t('take.hallOffline')}</Notice>;
  return <Busy text={t('take.loading')} />;
}

/** 取号: choose the business, with the ID card where the hall asks for it, and get the number. */
export function TakeNumber() {
  const { t } = useTranslation('kiosk');
  const localise = useLocalise();
  const { speak } = useKioskVisit();
  // The link's changes too: a kiosk on this page when the hall goes switches to its offline numbers, and back.
  const queues = useQuery('queue.list', {}, { refreshOn: ['hall.event', 'hall.resync', 'system.linkStatus'] });
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
      onFailure: (message) => speak(localise(message)),
    },
  );
  const [cardReadAt, setCardReadAt] = useState<number | null>(null);
  useEvent(
    'idcard.card',
    useCallback(() => setCardReadAt(Date.now()), []),
  );
  useReconnected(useCallback(() => setCardReadAt(null), []));

  const prompt = t('take.spoken');
  useEffect(() => speak(prompt), [speak, prompt]);

  function take(queue: QueueSummary) {
    const withIdCard = cardReadAt !== null && Date.now() - cardReadAt < KIOSK_CARD_SECONDS * 1000;
    if (queue.idRequired && !withIdCard) {
      ticket.fail(t('take.needsCard', { queue: queue.name }));
      speak(t('take.needsCardSpoken'), true);
      return;
    }
    setTaking(queue.id);
    setCardReadAt(null);
    void ticket.run(queue, withIdCard);
  }

  if (issued) return <TicketShown ticket={issued.ticket} estimatedWaitMinutes={issued.wait} />;
  const list = queues.data?.queues;
  const offline = queues.data?.offline === true;
  const closed = new Map((queues.data?.closedOffline ?? []).map((queue) => [queue.id, queue.reason]));
  return (
    <section aria-labelledby="take-title" className="kiosk-page take">
      <h2 id="take-title" className="prompt">
        {t('take.prompt')}
      </h2>
      <ErrorBanner
        message={ticket.error ?? (queues.data ? undefined : queues.error)}
        onDismiss={ticket.error ? ticket.dismiss : undefined}
      />
      {/* Above the queues, so it is on the screen however many queues the hall has and however large 长辈模式 makes them. */}
      {offline && (
        <Notice tone="warn" testId="take-offline">
          {t('take.offline')}
        </Notice>
      )}
      <IdCardPanel clearAfterMs={KIOSK_CARD_SECONDS * 1000} guide={<CardInsert />} />
      {list && list.length > 0 ? (
        <div className="queue-grid" role="group" aria-label={t('take.queues')}>
          {list.map((queue) =>
            closed.has(queue.id) ? (
              <button
                key={queue.id}
                type="button"
                className="queue-button queue-closed"
                disabled
                data-queue={queue.id}
                data-closed={closed.get(queue.id)}
              >
                <span className="queue-name">{queue.name}</span>
                <span className="queue-closed-reason">{t(`take.closedOffline.${closed.get(queue.id)!}`)}</span>
              </button>
            ) : (
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
                  {offline ? (
                    t('take.offlineQueue')
                  ) : (
                    <>
                      {t('take.waiting', { count: queue.waiting })}
                      {queue.estimatedWaitMinutes !== null && queue.waiting > 0 && (
                        <> · {t('take.waitMinutes', { minutes: queue.estimatedWaitMinutes })}</>
                      )}
                    </>
                  )}
                </span>
                {queue.idRequired && <span className="queue-id-required">{t('take.idRequired')}</span>}
                <span className="queue-action">{ticket.busy && taking === queue.id ? t('take.taking') : t('take.action')}</span>
              </button>
            ),
          )}
        </div>
      ) : (
        <NoQueues loaded={list !== undefined} error={queues.error} />
      )}
    </section>
  );
}
