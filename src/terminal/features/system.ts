import type { systemMethods } from '../../shared/contract-system.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** Who a page is talking to, the links' state, and the errors pages report for the log. */
export function systemFeature(ctx: FeatureContext): Feature<keyof typeof systemMethods> {
  const { config, options } = ctx;
  return {
    name: 'system',
    handlers: {
      'system.hello': (_input, context) => ({
        role: context.role,
        terminalId: config.terminalId,
        terminalRole: config.role,
        hallName: config.hallName,
        windowLabel: ctx.windowLabel,
        windowNumber: config.window?.number ?? null,
        version: options.version,
        idle: config.role === 'kiosk' ? config.kiosk : null,
      }),
      'system.linkStatus': () => ctx.links.status(),
      'system.pageError': ({ part, message, stack }, context) => {
        options.onInternalError?.(Object.assign(new Error(message), { stack }), `${context.role} page: ${part}`);
        return {};
      },
    },
  };
}
