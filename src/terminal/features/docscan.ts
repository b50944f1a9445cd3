import type { docscanMethods } from '../../shared/contract-scanner.js';
import { createDocscanService } from '../docscan-service.js';
import type { FeatureContext } from './context.js';
import { guarded, present, type Feature } from './feature.js';

/** The counter's document scanner, when it has one. */
export function docscanFeature(ctx: FeatureContext): Feature<keyof typeof docscanMethods> {
  const device = ctx.devices.docscan;
  const docscan = device ? createDocscanService({ config: device.settings, scanner: device.scanner, emit: ctx.emit }) : null;
  return {
    name: 'docscan',
    handlers: {
      ...guarded(present(docscan, '本终端未配置文档扫描仪 / no document scanner is configured on this terminal'), {
        'docscan.scan': ({ source }, scanner) => scanner.scan(source),
      }),
      'docscan.cancel': () => {
        docscan?.cancel();
        return {};
      },
    },
  };
}
