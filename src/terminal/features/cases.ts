import { describeReference, receiptReference } from '../../shared/case-reference.js';
import type { caseMethods } from '../../shared/contract-cases.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { FeatureContext } from './context.js';
import type { CounterFeature } from './counter.js';
import { both, guarded, present, type Feature } from './feature.js';

type CaseMethod = Exclude<keyof typeof caseMethods, `sync.${string}`>;

/** Kiosks and boards keep no cases: every case method is refused there. */
export const needCases = (ctx: FeatureContext) => present(ctx.cases, '只有窗口终端保存办件 / only a counter keeps cases');

/** The counter's cases: materials kept, cases listed, found by their receipt, moved on; a citizen's data exported. */
export function casesFeature(ctx: FeatureContext, counter: Pick<CounterFeature, 'asClerk'>): Feature<CaseMethod> {
  const cases = needCases(ctx);
  return {
    name: 'cases',
    handlers: {
      ...guarded(cases, {
        'cases.list': ({ limit }, { store }) => ({ cases: store.list(limit) }),
        'cases.get': ({ caseId }, { store }) => store.get(caseId),
        'cases.find': ({ reference }, { store }) => {
          const parsed = receiptReference(reference);
          const found = store.find(parsed);
          if (!found)
            throw new RpcError(
              'NOT_FOUND',
              `本窗口没有${describeReference(parsed)}的办件，请核对回执上的编号；其他窗口受理的办件可在“出件”中办理 / this counter holds no case with that number`,
            );
          return found;
        },
      }),
      ...guarded(both(counter.asClerk, cases), {
        'cases.putMaterial': ({ data, mediaType }, [, { store }]) => store.stageMaterial(Buffer.from(data, 'base64'), mediaType),
      }),
      ...guarded(both(cases, counter.asClerk), {
        'cases.move': ({ caseId, stage, note }, [{ store, engine }, clerk]) => {
          const moved = store.move(caseId, stage, clerk.id, note);
          engine.kick();
          return moved;
        },
        'privacy.export': ({ idNumber }, [{ store }, clerk]) => store.aboutPerson(idNumber, clerk.id),
      }),
    },
  };
}
