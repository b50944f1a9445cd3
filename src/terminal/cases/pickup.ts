import { referenceText, type CaseReference } from '../../shared/case-reference.js';
import { wireDateTime } from '../../shared/local-date.js';
import type { HandedOver } from '../../shared/platform-api.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { rpcErrorOf } from '../../http-client/route-client.js';
import { uuidv7 } from '../../shared/uuid.js';
import type { CaseStore } from './case-store.js';
import type { PlatformClient } from './platform-client.js';

export interface PickupDeps {
  store: CaseStore;
  client: Pick<PlatformClient, 'handOver'>;
  /** After a hand-over on the platform: pull its changes, so a case this counter took in shows it at once. */
  pullChanges(): void;
  timeZone: string;
  now?: () => Date;
}

export type Handed = Omit<HandedOver, 'caseNumber'> & { caseNumber: string | null };

/**
 * 出件 (综合出件) at any counter of the hall: the platform finds the case by its receipt, checks the card
 * read here against the applicant and agent on record, and records the hand-over, which the counter
 * that took the case in learns from the changes feed. While the platform cannot be reached, a case this
 * counter took in itself is still handed out, from its own record, and the move is sent later.
 */
export function createPickup(deps: PickupDeps) {
  const now = deps.now ?? (() => new Date());

  return {
    async handOver(
      reference: CaseReference,
      recipientIdNumber: string,
      clerk: { id: string; name: string },
      windowLabel: string,
    ): Promise<Handed> {
      const at = wireDateTime(now(), deps.timeZone);
      const outcome = await deps.client.handOver(
        { reference: referenceText(reference), recipientIdNumber, clerk, windowLabel, at },
        uuidv7(now().getTime()),
      );
      if (outcome.ok) {
        const held = deps.store.find(reference);
        deps.store.audit(clerk.id, 'case.handedOver', held?.caseId ?? null, { caseNumber: outcome.value.caseNumber, as: outcome.value.as });
        deps.pullChanges();
        return outcome.value;
      }
      if (!outcome.retry) throw rpcErrorOf(outcome);
      if (!deps.store.find(reference)) {
        throw new RpcError(
          'UNAVAILABLE',
          `暂时连不上政务服务平台，本窗口也没有这个办件的记录，请稍后再试，或到受理该办件的窗口领取 / the platform cannot be reached and this counter does not hold the case: try again shortly (${outcome.message})`,
        );
      }
      const handed = deps.store.handOver(reference, recipientIdNumber, clerk.id);
      return {
        caseId: handed.case.caseId,
        caseNumber: handed.case.caseNumber,
        receiptNumber: handed.case.receiptNumber,
        itemName: handed.case.itemName,
        resultName: handed.resultName,
        as: handed.as,
      };
    },
  };
}
