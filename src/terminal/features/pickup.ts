import { formatReceiptNumber, receiptReference } from '../../shared/case-reference.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { needCases } from './cases.js';
import type { FeatureContext } from './context.js';
import type { CounterFeature } from './counter.js';
import { both, guarded, type Feature } from './feature.js';

/** 出件: any finished case of the hall handed to its applicant or agent, checked against the card just read, with a slip. */
export function pickupFeature(ctx: FeatureContext, counter: Pick<CounterFeature, 'asClerk'>): Feature<'pickup.handOver'> {
  const { config } = ctx;
  return {
    name: 'pickup',
    handlers: guarded(both(counter.asClerk, needCases(ctx)), {
      'pickup.handOver': async ({ reference }, [clerk, { pickup, engine }]) => {
        const receipt = receiptReference(reference);
        const card = ctx.idcard.takeRecentCard();
        if (!card) throw new RpcError('REFUSED', '请先读取领取人的身份证 / read the recipient’s card first');
        const handed = await pickup.handOver(receipt, card.idNumber, clerk, ctx.place);
        engine.kick();
        const print = ctx.printing.print(
          'pickup-slip',
          {
            hallName: config.hallName,
            ...(handed.receiptNumber ? { receiptNumber: formatReceiptNumber(handed.receiptNumber) } : {}),
            ...(handed.caseNumber ? { caseNumber: handed.caseNumber } : {}),
            serviceName: handed.itemName,
            recipientName: card.name,
            recipientIdNumber: card.idNumber,
            recipientRole: handed.as === 'applicant' ? '申请人' : '代办人',
            resultName: handed.resultName,
            ...(handed.resultNumber ? { resultNumber: handed.resultNumber } : {}),
            pickedUpAt: new Date().toISOString(),
            windowLabel: ctx.place,
            clerkName: clerk.name,
          },
          `出件单 ${handed.itemName}`,
        );
        return { handed, print };
      },
    }),
  };
}
