import type { queueMethods } from '../../shared/contract-queue.js';
import { queueTicketData } from '../../shared/print-templates.js';
import type { IssuedTicket } from '../../shared/tickets.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** Numbers taken at a kiosk or a counter, and appointments checked in; every ticket printed. */
export function queueFeature(ctx: FeatureContext): Feature<keyof typeof queueMethods> {
  const { hall, viaLink, replies } = ctx;

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
  function printed(ticket: IssuedTicket) {
    const print = ctx.printing.print(
      'queue-ticket',
      queueTicketData(ctx.config.hallName, ticket),
      `${ticket.ticketNumber} ${ticket.queueName}`,
    );
    return { ...ticket, print };
  }

  return {
    name: 'queue',
    handlers: {
      'queue.list': async () => ({ queues: await viaLink('hall', () => hall.listQueues()) }),
      'queue.takeTicket': (input) =>
        replies.once('queue.takeTicket', input.requestId, input, async () => {
          const idNumber = cardNumberIf(input.withIdCard);
          return printed(
            await viaLink('hall', () => hall.issueTicket(input.queueId, { idNumber, priority: input.greenChannel }, input.requestId)),
          );
        }),
      'queue.checkIn': (input) =>
        replies.once('queue.checkIn', input.requestId, input, async () => {
          const idNumber = cardNumberIf(input.withIdCard);
          if (!input.code && !idNumber)
            throw new RpcError('INVALID_INPUT', '请输入预约码或刷身份证 / enter the appointment code or use the ID card');
          return printed(await viaLink('hall', () => hall.checkIn({ code: input.code, idNumber }, input.requestId)));
        }),
    },
  };
}
