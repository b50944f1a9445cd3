import type { kioskMethods } from '../../shared/contract-kiosk.js';
import { createPlatformClient } from '../cases/platform-client.js';
import { createKioskSession } from '../kiosk-session.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** A citizen's visit at a kiosk: the card for a form, the pre-fill slip, progress, and forgetting it all. */
export function kioskFeature(ctx: FeatureContext): Feature<Exclude<keyof typeof kioskMethods, 'prefill.open'>> {
  const { config, idcard } = ctx;
  const kiosk = createKioskSession({
    hallName: config.hallName,
    catalog: () => ctx.catalog.current(),
    takeRecentCard: () => idcard.takeRecentCard(),
    viewCard: (card) => idcard.view(card),
    createPrefill: (application, requestId) => ctx.viaLink('hall', () => ctx.hall.createPrefill(application, requestId)),
    print: ctx.printing.print,
    progress:
      config.role === 'kiosk' && config.platform.secret
        ? createPlatformClient({
            baseUrl: config.platform.url,
            terminalId: config.terminalId,
            secret: config.platform.secret,
            timeoutMs: 8000,
          }).progress
        : null,
  });
  return {
    name: 'kiosk',
    handlers: {
      'kiosk.cardForForm': (request) => kiosk.cardForForm(request),
      'kiosk.submitPrefill': (input) =>
        ctx.replies.once('kiosk.submitPrefill', input.requestId, input, () =>
          kiosk.submitPrefill(input.request, input.values, input.fromCard, input.requestId),
        ),
      'kiosk.progress': async (query) => ({ cases: await kiosk.progress(query) }),
      'kiosk.endSession': () => {
        kiosk.end();
        return {};
      },
    },
  };
}
