import type { caseMethods } from '../../shared/contract-cases.js';
import { needCases } from './cases.js';
import type { FeatureContext } from './context.js';
import type { CounterFeature } from './counter.js';
import { both, guarded, type Feature } from './feature.js';

type SyncMethod = Extract<keyof typeof caseMethods, `sync.${string}`>;

/** The counter's sync with the platform: its state, and what the platform refused, retried or given up (audited). */
export function syncFeature(ctx: FeatureContext, counter: Pick<CounterFeature, 'asClerk'>): Feature<SyncMethod> {
  const cases = needCases(ctx);
  return {
    name: 'sync',
    handlers: {
      ...guarded(cases, {
        'sync.state': (_input, { engine }) => engine.state(),
        'sync.deadLetters': (_input, { store }) => ({ deadLetters: store.outbox.deadLetters() }),
      }),
      ...guarded(both(cases, counter.asClerk), {
        'sync.retry': ({ opId }, [{ engine }, clerk]) => {
          engine.retry(opId, clerk.id);
          return engine.state();
        },
        'sync.discard': ({ opId }, [{ engine }, clerk]) => {
          engine.discard(opId, clerk.id);
          return engine.state();
        },
      }),
    },
  };
}
