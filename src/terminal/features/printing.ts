import type { printerMethods } from '../../shared/contract-printing.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** The printers and their jobs, as the kiosk and the clerk see them. */
export function printingFeature(ctx: FeatureContext): Feature<keyof typeof printerMethods> {
  const { printing } = ctx;
  return {
    name: 'printing',
    handlers: {
      'printer.status': () => printing.status(),
      'printer.jobs': ({ limit }) => printing.jobs(limit),
      'printer.job': ({ jobId }) => printing.job(jobId),
      'printer.reprint': ({ jobId }) => printing.reprint(jobId),
      'printer.preview': ({ jobId }) => printing.preview(jobId),
    },
  };
}
