import type { Catalog, Item } from '../../shared/catalog.js';
import type { CatalogHit } from '../../shared/contract-catalog.js';
import { RpcError } from '../../shared/rpc/errors.js';

const count = (names: string[]) =>
  [...names.reduce((map, name) => map.set(name, (map.get(name) ?? 0) + 1), new Map<string, number>())].map(([name, n]) => ({
    name,
    count: n,
  }));

/** What a kiosk's guide page offers to browse: zones, departments and life events with their counts, and the bundles. */
export function catalogOverview(catalog: Catalog, updateError: string | null) {
  return {
    version: catalog.version,
    updateError,
    sample: catalog.sample,
    zones: catalog.zones.map((zone) => ({ ...zone, count: catalog.items.filter((item) => item.zone === zone.id).length })),
    departments: count(catalog.items.map((item) => item.department)),
    lifeEvents: count([...catalog.items.flatMap((item) => item.lifeEvents), ...catalog.bundles.flatMap((bundle) => bundle.lifeEvents)]),
    bundles: catalog.bundles.map(({ id, name, description, items }) => ({
      id,
      name,
      description,
      items: items.map((code) => ({ code, name: catalog.items.find((item) => item.implCode === code)?.name ?? code })),
    })),
    regions: catalog.regions,
  };
}

/** The items of a department, zone or life event (with the bundles of that life event first), in catalog order. */
export function browseCatalog(catalog: Catalog, by: 'department' | 'zone' | 'lifeEvent', value: string): CatalogHit[] {
  const zoneName = (id: string) => catalog.zones.find((zone) => zone.id === id)?.name ?? id;
  const matches = (item: Item) =>
    by === 'department' ? item.department === value : by === 'zone' ? item.zone === value : item.lifeEvents.includes(value);
  const bundles = by === 'lifeEvent' ? catalog.bundles.filter((bundle) => bundle.lifeEvents.includes(value)) : [];
  return [
    ...bundles.map((bundle) => ({
      kind: 'bundle' as const,
      code: bundle.id,
      name: bundle.name,
      department: '一件事联办',
      zone: '综合一窗',
      score: 0,
    })),
    ...catalog.items.filter(matches).map((item) => ({
      kind: 'item' as const,
      code: item.implCode,
      name: item.name,
      department: item.department,
      zone: zoneName(item.zone),
      score: 0,
    })),
  ];
}

export function findItem(catalog: Catalog, code: string): Item {
  const item = catalog.items.find((candidate) => candidate.implCode === code);
  if (!item) throw new RpcError('NOT_FOUND', `事项库中没有实施编码为 ${code} 的事项 / no item ${code} in the catalog`);
  return item;
}
