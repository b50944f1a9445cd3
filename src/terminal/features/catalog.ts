import type { catalogMethods } from '../../shared/contract-catalog.js';
import { guideContent, guideHtml, guideSlipData, type GuideTarget } from '../../shared/guide-document.js';
import { guide, GuidanceError } from '../../shared/guidance.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { browseCatalog, catalogOverview, findItem } from '../catalog/catalog-queries.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** The service catalog in use: search, browse, guidance, and the 办事指南 on screen, on A4 and as a slip. */
export function catalogFeature(ctx: FeatureContext): Feature<keyof typeof catalogMethods> {
  const { catalog } = ctx;
  const { hallName } = ctx.config;

  /** Guidance and guides on the catalog in use; a wrong code or answer is the caller's to fix. */
  function onCatalog<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof GuidanceError) throw new RpcError('INVALID_INPUT', error.message);
      throw error;
    }
  }
  const guideOf = (target: GuideTarget) => onCatalog(() => guideContent(catalog.current(), target));

  return {
    name: 'catalog',
    handlers: {
      'catalog.info': () => catalogOverview(catalog.current(), catalog.lastError()),
      'catalog.search': ({ query, limit }) => ({ hits: catalog.search(query, limit) }),
      'catalog.browse': ({ by, value }) => ({ hits: browseCatalog(catalog.current(), by, value) }),
      'catalog.item': ({ code }) => findItem(catalog.current(), code),
      'catalog.guide': (request) => onCatalog(() => guide(catalog.current(), request)),
      'catalog.guideContent': (target) => guideOf(target),
      'catalog.guideDocument': (target) => ({ html: guideHtml(guideOf(target), hallName) }),
      'catalog.printGuide': (target) => {
        const content = guideOf(target);
        return ctx.printing.print('service-guide', guideSlipData(content, hallName), `办事指南 ${content.title}`);
      },
      'catalog.refresh': async () => {
        const updated = await catalog.refresh();
        return { updated, version: catalog.current().version, updateError: catalog.lastError() };
      },
    },
  };
}
