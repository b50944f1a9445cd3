import { z } from 'zod';
import { ITEM_TYPES, type Catalog, type Item, type MaterialDef } from './catalog.js';
import { CASE_TYPES } from './cases.js';
import { GuidanceError } from './guidance.js';
import type { PrintTemplateData } from './print-templates.js';

/** What a guide is about: one item, by 实施编码, or a 一件事 bundle, by id. */
export const GuideTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), code: z.string().min(1).max(31) }).strict(),
  z.object({ kind: z.literal('bundle'), id: z.string().min(1).max(64) }).strict(),
]);
export type GuideTarget = z.infer<typeof GuideTargetSchema>;

const FORM_WORDS: Record<MaterialDef['original'], string> = { original: '原件', copy: '复印件', both: '原件和复印件' };
const CARRIER_WORDS: Record<MaterialDef['carrier'], string> = { paper: '纸质', electronic: '电子', either: '纸质或电子' };
const SOURCE_WORDS: Record<MaterialDef['source'], string> = {
  applicant: '申请人提供',
  'e-licence': '可用电子证照',
  shared: '部门共享，免提交',
};

const GuideMaterialSchema = z.object({
  name: z.string(),
  form: z.string(),
  count: z.number().int(),
  requirements: z.string(),
  source: z.string(),
  /** Needed only in some situations (the kiosk's guided form-filling says which). */
  conditional: z.boolean(),
});
export type GuideMaterial = z.infer<typeof GuideMaterialSchema>;

/** 办事指南: everything a citizen needs to know before coming, for the kiosk's screen, the A4 page and the slip. */
export const GuideContentSchema = z.object({
  title: z.string(),
  sample: z.boolean(),
  departments: z.array(z.string()),
  windows: z.array(z.string()),
  itemType: z.string(),
  caseType: z.string(),
  timeLimit: z.string(),
  fees: z.array(z.string()),
  flow: z.string(),
  materials: z.array(GuideMaterialSchema),
  conditions: z.array(z.string()),
  notes: z.array(z.string()),
});
export type GuideContent = z.infer<typeof GuideContentSchema>;

/** How a material is to be brought, in the words of a guide: 纸质原件, 纸质或电子复印件… */
export const materialFormWords = (material: Pick<MaterialDef, 'carrier' | 'original'>) =>
  `${CARRIER_WORDS[material.carrier]}${FORM_WORDS[material.original]}`;

/** The materials of an item with whether every situation needs them. */
function itemMaterials(item: Item): GuideMaterial[] {
  const outcomes = Object.values(item.situations.nodes).filter((node) => node.kind === 'outcome');
  return item.materials.map((material) => ({
    name: material.name,
    form: materialFormWords(material),
    count: material.count,
    requirements: material.requirements,
    source: SOURCE_WORDS[material.source],
    conditional: !outcomes.every((outcome) => outcome.materials.includes(material.id)),
  }));
}

const days = (item: Item) =>
  item.promisedDays === 0 ? '即来即办' : `承诺 ${item.promisedDays} 个工作日（法定 ${item.legalDays} 个工作日）`;

export function guideContent(catalog: Catalog, target: GuideTarget): GuideContent {
  const zoneName = (id: string) => catalog.zones.find((zone) => zone.id === id)?.name ?? id;
  const items = (() => {
    if (target.kind === 'item') {
      const item = catalog.items.find((candidate) => candidate.implCode === target.code);
      if (!item) throw new GuidanceError(`事项库中没有实施编码为 ${target.code} 的事项 / no item ${target.code}`);
      return { title: item.name, list: [item] };
    }
    const bundle = catalog.bundles.find((candidate) => candidate.id === target.id);
    if (!bundle) throw new GuidanceError(`事项库中没有“一件事” ${target.id} / no bundle ${target.id}`);
    return { title: bundle.name, list: bundle.items.map((code) => catalog.items.find((item) => item.implCode === code)!) };
  })();
  const unique = <T>(values: T[]) => [...new Set(values)];
  const materials = new Map<string, GuideMaterial>();
  for (const material of items.list.flatMap(itemMaterials)) {
    const seen = materials.get(material.name);
    materials.set(
      material.name,
      seen ? { ...seen, conditional: seen.conditional && material.conditional, count: Math.max(seen.count, material.count) } : material,
    );
  }
  const many = items.list.length > 1;
  return {
    title: items.title,
    sample: catalog.sample,
    departments: unique(items.list.map((item) => item.department)),
    windows: unique(items.list.map((item) => zoneName(item.zone))),
    itemType: unique(items.list.map((item) => ITEM_TYPES[item.itemType])).join('、'),
    caseType: unique(items.list.map((item) => CASE_TYPES[item.caseType])).join('、'),
    timeLimit: many ? items.list.map((item) => `${item.name}：${days(item)}`).join('；') : days(items.list[0]!),
    fees: items.list.flatMap((item) => item.fees.map((fee) => `${fee.name} ${fee.amount}（${fee.basis}）`)),
    flow: unique(items.list.map((item) => item.flow.join(' → '))).join('；'),
    materials: [...materials.values()],
    conditions: unique(items.list.flatMap((item) => item.relaxedConditions)),
    notes: unique(items.list.flatMap((item) => item.citizenNotes)),
  };
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The guide as a printable A4 page: a whole HTML document, everything escaped, print styles inline. */
export function guideHtml(content: GuideContent, hallName: string): string {
  const list = (values: string[]) =>
    values.length ? `<ul>${values.map((value) => `<li>${escape(value)}</li>`).join('')}</ul>` : '<p>无</p>';
  const rows = content.materials
    .map(
      (material, index) =>
        `<tr><td>${index + 1}</td><td>${escape(material.name)}${material.conditional ? '<br><small>（视情形提供）</small>' : ''}</td><td>${escape(material.form)}</td><td>${material.count}</td><td>${escape(material.requirements)}<br><small>${escape(material.source)}</small></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(content.title)} 办事指南</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; font-size: 11pt; color: #000; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
h2 { font-size: 13pt; border-bottom: 1px solid #000; margin: 5mm 0 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 1px solid #000; padding: 1.5mm; vertical-align: top; }
.sample { text-align: center; color: #a00; font-weight: bold; }
dl { display: grid; grid-template-columns: 28mm 1fr; gap: 1mm 3mm; margin: 0; }
dt { font-weight: bold; }
</style></head><body>
<p style="text-align:center">${escape(hallName)}</p>
<h1>${escape(content.title)} 办事指南</h1>
${content.sample ? '<p class="sample">示例事项库，仅供演示，不作为办事依据</p>' : ''}
<dl>
<dt>实施部门</dt><dd>${escape(content.departments.join('、'))}</dd>
<dt>办理窗口</dt><dd>${escape(content.windows.join('、'))}</dd>
<dt>事项类型</dt><dd>${escape(content.itemType)}</dd>
<dt>办件类型</dt><dd>${escape(content.caseType)}</dd>
<dt>办理时限</dt><dd>${escape(content.timeLimit)}</dd>
<dt>办理流程</dt><dd>${escape(content.flow)}</dd>
</dl>
<h2>申请材料</h2>
<table><thead><tr><th>序号</th><th>材料名称</th><th>形式</th><th>份数</th><th>要求</th></tr></thead><tbody>${rows}</tbody></table>
<h2>收费</h2>${list(content.fees.length ? content.fees : ['不收费'])}
<h2>容缺与告知承诺</h2>${list(content.conditions)}
<h2>温馨提示</h2>${list(content.notes)}
</body></html>`;
}

/** The guide as the data of the `service-guide` slip. */
export function guideSlipData(content: GuideContent, hallName: string): PrintTemplateData<'service-guide'> {
  return {
    hallName,
    title: content.title,
    sample: content.sample,
    windows: content.windows.join('、'),
    timeLimit: content.timeLimit,
    fees: content.fees.length ? content.fees.join('；') : '不收费',
    materials: content.materials.map(({ name, form, count, conditional }) => ({ name, form, count, conditional })),
    notes: content.notes,
  };
}
