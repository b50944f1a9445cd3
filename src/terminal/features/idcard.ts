import type { idcardMethods } from '../../shared/contract-idcard.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** The ID-card reader, for pages: cards masked, and sample cards on a simulated reader. */
export function idcardFeature(ctx: FeatureContext): Feature<keyof typeof idcardMethods> {
  const { idcard } = ctx;
  return {
    name: 'idcard',
    handlers: {
      'idcard.read': ({ timeoutMs }) => idcard.read(timeoutMs),
      'idcard.status': () => idcard.status(),
      'idcard.simulate': ({ sample }) => {
        idcard.simulate(sample);
        return {};
      },
    },
  };
}
