import { z } from 'zod';
import { BundleSchema, CatalogSchema, FLOW_STEPS, FormDefSchema, ItemSchema, RegionSchema, type Catalog, type Item } from './catalog.js';
import { jsonErrorPosition } from './json-error-position.js';

/** One thing wrong with a catalog: where (file and path inside it) and what to do about it. */
export interface CatalogProblem {
  file: string;
  path: string;
  message: string;
}

export interface SourceFile {
  /** As shown to the person fixing it: relative to the catalog directory. */
  path: string;
  text: string;
}

/**
 * The catalog's source directory: `catalog.json` (version, sample, zones), `forms.json`,
 * `regions.json`, `bundles.json`, and `items/*.json` (one file per department or zone), each an object
 * with the list it holds. Splitting it keeps each department's file reviewable by that department.
 */
const SourceSchemas = {
  meta: CatalogSchema.pick({ version: true, sample: true, zones: true }).strict(),
  forms: z.object({ forms: z.array(FormDefSchema) }).strict(),
  regions: z.object({ regions: z.array(RegionSchema) }).strict(),
  bundles: z.object({ bundles: z.array(BundleSchema) }).strict(),
  items: z.object({ items: z.array(ItemSchema) }).strict(),
};

const kindOf = (path: string): keyof typeof SourceSchemas | null =>
  path === 'catalog.json'
    ? 'meta'
    : path === 'forms.json'
      ? 'forms'
      : path === 'regions.json'
        ? 'regions'
        : path === 'bundles.json'
          ? 'bundles'
          : /^items\/[^/]+\.json$/.test(path)
            ? 'items'
            : null;

const pathText = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');

export interface AssembledCatalog {
  catalog: Catalog;
  /** The file each item came from, by 实施编码, for problems found across files. */
  itemFiles: Map<string, string>;
}

/** Reads the source files into one catalog and checks it; the catalog is null when anything is wrong. */
export function assembleCatalog(files: readonly SourceFile[]): { assembled: AssembledCatalog | null; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const parsed: { [K in keyof typeof SourceSchemas]?: { file: string; data: z.output<(typeof SourceSchemas)[K]> }[] } = {};
  for (const file of files) {
    const kind = kindOf(file.path);
    if (!kind) {
      problems.push({
        file: file.path,
        path: '(file)',
        message:
          '不认识的文件：只应有 catalog.json、forms.json、regions.json、bundles.json 和 items/*.json / unknown file: move it out of the catalog directory',
      });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(file.text);
    } catch (error) {
      const where = jsonErrorPosition(file.text);
      problems.push({
        file: file.path,
        path: where ? `line ${where.line}, column ${where.column}` : '(file)',
        message: `不是有效的 JSON / not valid JSON: ${(error as Error).message}`,
      });
      continue;
    }
    const result = SourceSchemas[kind].safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ file: file.path, path: pathText(issue.path), message: issue.message });
      continue;
    }
    (parsed[kind] ??= []).push({ file: file.path, data: result.data } as never);
  }
  for (const required of ['catalog.json', 'forms.json'] as const) {
    if (!files.some((file) => file.path === required))
      problems.push({ file: required, path: '(file)', message: `缺少 ${required} / ${required} is missing` });
  }
  if (problems.length > 0 || !parsed.meta?.[0] || !parsed.forms) return { assembled: null, problems };

  const itemFiles = new Map<string, string>();
  const items: Item[] = [];
  for (const { file, data } of parsed.items ?? []) {
    data.items.forEach((item, index) => {
      const earlier = itemFiles.get(item.implCode);
      if (earlier) {
        problems.push({
          file,
          path: `items.${index}.implCode`,
          message: `实施编码 ${item.implCode} 与 ${earlier} 中的事项重复，每个事项的实施编码须唯一 / duplicate implementation code (also in ${earlier})`,
        });
      }
      itemFiles.set(item.implCode, file);
      items.push(item);
    });
  }
  const meta = parsed.meta[0].data;
  const catalog = CatalogSchema.parse({
    ...meta,
    items,
    bundles: (parsed.bundles ?? []).flatMap((entry) => entry.data.bundles),
    forms: parsed.forms.flatMap((entry) => entry.data.forms),
    regions: (parsed.regions ?? []).flatMap((entry) => entry.data.regions),
  });
  const assembled = { catalog, itemFiles };
  problems.push(...catalogProblems(catalog, itemFiles));
  return { assembled: problems.length ? null : assembled, problems };
}

/**
 * Everything the schema alone cannot see: references, duplicates, the situation trees, the forms.
 * `itemFiles` names the source file of each item; a catalog received whole is one file.
 */
export function catalogProblems(
  catalog: Catalog,
  itemFiles: ReadonlyMap<string, string> = new Map(catalog.items.map((item) => [item.implCode, 'catalog'])),
): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const zones = new Set(catalog.zones.map((zone) => zone.id));
  const forms = new Map(catalog.forms.map((form) => [form.id, form]));
  const duplicates = <T>(list: readonly T[], key: (value: T) => string, report: (index: number, value: string) => void) => {
    const seen = new Set<string>();
    list.forEach((value, index) => {
      const k = key(value);
      if (seen.has(k)) report(index, k);
      seen.add(k);
    });
  };

  catalog.forms.forEach((form, formIndex) => {
    const at = (rest: string) => ({ file: 'forms.json', path: `forms.${formIndex}${rest}` });
    duplicates(
      catalog.forms,
      (f) => f.id,
      (index, value) => index === formIndex && problems.push({ ...at('.id'), message: `表单编号 ${value} 重复 / duplicate form id` }),
    );
    const fields = form.pages.flatMap((page, pageIndex) =>
      page.fields.map((field, fieldIndex) => ({ field, where: `.pages.${pageIndex}.fields.${fieldIndex}` })),
    );
    duplicates(
      fields,
      (f) => f.field.id,
      (index, value) =>
        problems.push({
          ...at(fields[index]!.where + '.id'),
          message: `字段编号 ${value} 在表单中重复，同一信息只问一次 / duplicate field id in the form`,
        }),
    );
    for (const { field, where } of fields) {
      if (field.type === 'choice' && !field.options)
        problems.push({ ...at(where + '.options'), message: '选择题须列出 options（至少两项）/ a choice field needs options' });
      if (field.type !== 'choice' && field.options)
        problems.push({
          ...at(where + '.options'),
          message: `只有 choice 字段有 options，本字段类型为 ${field.type} / only choice fields have options`,
        });
      if (field.type === 'region' && catalog.regions.length === 0)
        problems.push({
          ...at(where + '.type'),
          message: '使用了行政区划字段，但 regions.json 没有区划 / a region field needs regions.json',
        });
      const prefillTypes: Record<string, string[]> = {
        idNumber: ['idNumber'],
        birthDate: ['date'],
        sex: ['choice', 'text'],
        name: ['text'],
        address: ['text'],
      };
      if (field.prefill && !prefillTypes[field.prefill]!.includes(field.type)) {
        problems.push({
          ...at(where + '.prefill'),
          message: `身份证的 ${field.prefill} 不能填入 ${field.type} 字段 / the card's ${field.prefill} cannot fill a ${field.type} field`,
        });
      }
      if (field.rules?.pattern !== undefined) {
        try {
          new RegExp(field.rules.pattern);
        } catch (error) {
          problems.push({
            ...at(where + '.rules.pattern'),
            message: `正则表达式无效 / the pattern is not a valid regular expression: ${(error as Error).message}`,
          });
        }
      }
    }
  });

  catalog.items.forEach((item, itemIndex) => {
    const file = itemFiles.get(item.implCode)!;
    const index = catalog.items.filter((other, i) => i < itemIndex && itemFiles.get(other.implCode) === file).length;
    const at = (rest: string, message: string) =>
      problems.push({ file, path: `items.${index}${rest}`, message: `${item.name}：${message}` });
    if (!zones.has(item.zone))
      at('.zone', `分区 ${item.zone} 不在 catalog.json 的 zones 中 / unknown zone; add it to catalog.json or fix the id`);
    if (item.promisedDays > item.legalDays)
      at('.promisedDays', `承诺时限 ${item.promisedDays} 天超过法定时限 ${item.legalDays} 天 / the promised time exceeds the legal one`);
    const order = item.flow.map((step) => FLOW_STEPS.indexOf(step));
    if (item.flow[0] !== '受理' || order.some((value, i) => i > 0 && value <= order[i - 1]!)) {
      at(
        '.flow',
        '流程应从“受理”开始，按 受理 → 审核 → 决定 的顺序，每步一次 / the flow starts at 受理 and follows 受理 → 审核 → 决定, each once',
      );
    }
    duplicates(
      item.materials,
      (m) => m.id,
      (i, value) => at(`.materials.${i}.id`, `材料编号 ${value} 重复 / duplicate material id`),
    );
    const materialIds = new Set(item.materials.map((m) => m.id));
    const { nodes, start } = item.situations;
    if (!nodes[start]) at('.situations.start', `起始节点 ${start} 不存在 / the start node does not exist`);
    const used = new Set<string>();
    for (const [nodeId, node] of Object.entries(nodes)) {
      const where = `.situations.nodes.${nodeId}`;
      if (node.kind === 'question') {
        duplicates(
          node.options,
          (o) => o.value,
          (i, value) => at(`${where}.options.${i}.value`, `选项值 ${value} 重复 / duplicate option value`),
        );
        node.options.forEach((option, i) => {
          if (!nodes[option.next])
            at(`${where}.options.${i}.next`, `指向不存在的节点 ${option.next} / points to a node that does not exist`);
        });
      } else {
        node.materials.forEach((materialId, i) => {
          used.add(materialId);
          if (!materialIds.has(materialId))
            at(`${where}.materials.${i}`, `材料 ${materialId} 不在本事项的 materials 中 / not one of the item's materials`);
        });
        if (!forms.has(node.form)) at(`${where}.form`, `表单 ${node.form} 不在 forms.json 中 / no such form`);
      }
    }
    for (const material of item.materials) {
      if (!used.has(material.id))
        at(
          `.materials.${item.materials.indexOf(material)}`,
          `材料 ${material.id} 不出现在任何情形的结果中，删除它或加入相应结果 / used by no outcome: remove it or add it to one`,
        );
    }
    if (nodes[start]) {
      const reach = reachable(nodes, start);
      for (const nodeId of Object.keys(nodes)) {
        if (!reach.has(nodeId))
          at(`.situations.nodes.${nodeId}`, '从起始节点无法到达此节点，删除它或让某个选项指向它 / unreachable from the start node');
      }
      for (const nodeId of deadEnds(nodes, start))
        at(
          `.situations.nodes.${nodeId}`,
          '从此节点出发到不了任何结果（循环），请让选项最终指向一个 outcome / no outcome can be reached from here (a loop)',
        );
    }
  });

  const implCodes = new Set(catalog.items.map((item) => item.implCode));
  catalog.bundles.forEach((bundle, bundleIndex) => {
    duplicates(
      catalog.bundles,
      (b) => b.id,
      (index, value) =>
        index === bundleIndex &&
        problems.push({
          file: 'bundles.json',
          path: `bundles.${bundleIndex}.id`,
          message: `一件事编号 ${value} 重复 / duplicate bundle id`,
        }),
    );
    bundle.items.forEach((code, i) => {
      if (!implCodes.has(code))
        problems.push({
          file: 'bundles.json',
          path: `bundles.${bundleIndex}.items.${i}`,
          message: `${bundle.name}：没有实施编码为 ${code} 的事项 / no item with this implementation code`,
        });
    });
    duplicates(
      bundle.items,
      (code) => code,
      (i, value) =>
        problems.push({
          file: 'bundles.json',
          path: `bundles.${bundleIndex}.items.${i}`,
          message: `${bundle.name}：事项 ${value} 重复 / the item is listed twice`,
        }),
    );
  });
  return problems;
}

function reachable(nodes: Item['situations']['nodes'], start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const nodeId = stack.pop()!;
    const node = nodes[nodeId];
    if (!node || seen.has(nodeId)) continue;
    seen.add(nodeId);
    if (node.kind === 'question') stack.push(...node.options.map((option) => option.next));
  }
  return seen;
}

/** Reachable nodes from which no outcome can be reached at all. */
function deadEnds(nodes: Item['situations']['nodes'], start: string): string[] {
  const leadsOut = new Set(
    Object.entries(nodes)
      .filter(([, node]) => node.kind === 'outcome')
      .map(([nodeId]) => nodeId),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const [nodeId, node] of Object.entries(nodes)) {
      if (!leadsOut.has(nodeId) && node.kind === 'question' && node.options.some((option) => leadsOut.has(option.next))) {
        leadsOut.add(nodeId);
        grew = true;
      }
    }
  }
  return [...reachable(nodes, start)].filter((nodeId) => !leadsOut.has(nodeId));
}
