import type { displayMethods } from '../../shared/contract-display.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** The applicant's screen beside a counter, and the rating it asks for after a service. */
export function displayFeature(ctx: FeatureContext): Feature<keyof typeof displayMethods> {
  const { customer, cases } = ctx;
  return {
    name: 'display',
    handlers: {
      'display.setCustomerView': ({ view }) => {
        customer.show(view);
        return {};
      },
      'display.getCustomerView': () => customer.current(),
      'customer.rate': async ({ level, reasons, contact }) => {
        const ticketId = customer.ratingTicket();
        if (!ticketId) throw new RpcError('REFUSED', '当前没有可评价的服务 / there is no finished service to rate now');
        const evaluation = await ctx.viaLink('hall', () => ctx.hall.evaluate(ticketId, level, reasons, contact));
        // The cases taken in under the ticket carry its rating too, for the platform.
        for (const caseId of cases?.store.casesOfTicket(ticketId) ?? []) cases!.store.evaluate(caseId, level, reasons);
        customer.welcome();
        return evaluation;
      },
      'customer.skipRating': () => {
        if (customer.ratingTicket()) customer.welcome();
        return {};
      },
    },
  };
}
