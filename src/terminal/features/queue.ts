import type { queueMethods } from '../../shared/contract-queue.js';
import { queueTicketData } from '../../shared/print-templates.js';
import type { HandedOutTicket, IssuedTicket } from '../../shared/tickets.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { createOfflineTickets } from '../offline-tickets.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

const unreachable = (error: unknown) => error instanceof RpcError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT');
const fromHall = (ticket: IssuedTicket): HandedOutTicket => ({ ...ticket, offline: false });
/** A kiosk holding offline numbers asks the hall once, briefly: the citizen gets a number either way, and soon. */
const LEASE_HOLDER_PATIENCE = { timeoutMs: 2500, retries: 0 };
/** How long a number waits on handing in the offline tickets before it: at most this, then it goes anyway. */
const HAND_IN_FIRST_MS = 1500;

/** Numbers taken at a kiosk or a counter, and appointments checked in; every ticket printed; a kiosk's numbers for an outage. */
export function queueFeature(ctx: FeatureContext): Feature<keyof typeof queueMethods> {
  const { hall, viaLink, replies } = ctx;
  const offline =
    ctx.config.role === 'kiosk'
      ? createOfflineTickets({
          db: ctx.db,
          hall,
          hallReachable: () => ctx.links.status().hall !== 'offline',
          intervalMs: ctx.options.offlineTicketsIntervalMs,
          onError: ctx.options.onInternalError,
        })
      : null;

  /** The card just read, for a number taken with it; it stays in the host, its number goes to the hall only. */
  function cardNumberIf(withIdCard: boolean): string | undefined {
    if (!withIdCard) return undefined;
    const card = ctx.idcard.takeRecentCard();
    if (!card)
      throw new RpcError(
        'REFUSED',
        '请先将身份证放在读卡区，读卡成功后再取号 / place the ID card on the reader first, then take the number',
      );
    return card.idNumber;
  }

  /** Queues the ticket's slip; the number is the citizen's whether or not it prints. */
  function printed(ticket: HandedOutTicket) {
    const print = ctx.printing.print(
      'queue-ticket',
      queueTicketData(ctx.config.hallName, ticket),
      `${ticket.ticketNumber} ${ticket.queueName}`,
    );
    return { ...ticket, print };
  }

  /**
   * From the hall; when no server of it answers, from the kiosk's lease. Known to be cut off, the kiosk does
   * not wait on the hall first: the citizen has the number at once.
   */
  async function issue(queueId: string, idNumber: string | undefined, greenChannel: boolean, requestId: string) {
    if (ctx.links.status().hall === 'offline') {
      const ticket = offline?.issue(queueId, idNumber) ?? null;
      if (ticket) return ticket;
    }
    // This kiosk's offline tickets go in first, so the number taken now is behind them and its count of people ahead is true.
    if (offline && offline.pending() > 0)
      await Promise.race([offline.refresh(), new Promise((resolve) => setTimeout(resolve, HAND_IN_FIRST_MS))]);
    const patience = offline?.holds(queueId) ? LEASE_HOLDER_PATIENCE : undefined;
    try {
      return fromHall(await viaLink('hall', () => hall.issueTicket(queueId, { idNumber, priority: greenChannel }, requestId, patience)));
    } catch (error) {
      // The request may have reached the hall all the same: it is withdrawn once the hall answers, or the citizen would hold two numbers.
      const ticket = unreachable(error) ? (offline?.issue(queueId, idNumber, requestId) ?? null) : null;
      if (!ticket) throw error;
      return ticket;
    }
  }

  return {
    name: 'queue',
    handlers: {
      'queue.list': async () => {
        const fromLeases = () => {
          const { shown, closed } = offline?.queues() ?? { shown: [], closed: [] };
          return shown.length === 0 ? null : { queues: shown, offline: true, closedOffline: closed };
        };
        // Known to be cut off, the kiosk shows what it can give at once, as it issues (the probe says when the hall is back).
        const known = ctx.links.status().hall === 'offline' ? fromLeases() : null;
        if (known) return known;
        try {
          const queues = await viaLink('hall', () => hall.listQueues());
          offline?.remember(queues);
          return { queues, offline: false, closedOffline: [] };
        } catch (error) {
          const list = unreachable(error) ? fromLeases() : null;
          if (!list) throw error;
          return list;
        }
      },
      'queue.takeTicket': (input) =>
        replies.once('queue.takeTicket', input.requestId, input, async () =>
          printed(await issue(input.queueId, cardNumberIf(input.withIdCard), input.greenChannel, input.requestId)),
        ),
      'queue.checkIn': (input) =>
        replies.once('queue.checkIn', input.requestId, input, async () => {
          const idNumber = cardNumberIf(input.withIdCard);
          if (!input.code && !idNumber)
            throw new RpcError('INVALID_INPUT', '请输入预约码或刷身份证 / enter the appointment code or use the ID card');
          return printed(fromHall(await viaLink('hall', () => hall.checkIn({ code: input.code, idNumber }, input.requestId))));
        }),
    },
    start: () => offline?.start(),
    stop: () => offline?.stop(),
  };
}
