import { z } from 'zod';
import {
  FormDefSchema,
  formFields,
  MaterialDefSchema,
  type Bundle,
  type Catalog,
  type FormDef,
  type FormField,
  type Item,
} from './catalog.js';

/** Answers to one item's situation questions: node id → the chosen option's value. */
export const AnswersSchema = z.record(z.string().max(64), z.string().max(64));
export type Answers = z.infer<typeof AnswersSchema>;

/** A material as the applicant must bring it, with the items that need it (several, in a bundle). */
export const GuidedMaterialSchema = MaterialDefSchema.extend({ items: z.array(z.string()) });
export type GuidedMaterial = z.infer<typeof GuidedMaterialSchema>;

export const GuidanceStepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('question'),
    /** The item the question belongs to (in a bundle, one of several). */
    itemCode: z.string(),
    itemName: z.string(),
    nodeId: z.string(),
    text: z.string(),
    help: z.string().optional(),
    options: z.array(z.object({ value: z.string(), label: z.string() })),
    /** Questions answered so far on the way to this one, across the bundle. */
    answered: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('result'), materials: z.array(GuidedMaterialSchema), form: FormDefSchema, notes: z.array(z.string()) }),
]);
export type GuidanceStep = z.infer<typeof GuidanceStepSchema>;

export class GuidanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuidanceError';
  }
}

function itemOf(catalog: Catalog, implCode: string): Item {
  const item = catalog.items.find((candidate) => candidate.implCode === implCode);
  if (!item) throw new GuidanceError(`事项库中没有实施编码为 ${implCode} 的事项 / no item ${implCode} in the catalog`);
  return item;
}

function formOf(catalog: Catalog, id: string): FormDef {
  const form = catalog.forms.find((candidate) => candidate.id === id);
  if (!form) throw new GuidanceError(`事项库中没有表单 ${id} / no form ${id} in the catalog`);
  return form;
}

/** Walks one item's tree with the answers given: the next question, or the outcome. */
function walk(
  item: Item,
  answers: Answers,
):
  | { question: GuidanceStep & { kind: 'question' } }
  | { outcome: { materials: string[]; form: string; notes: string[] }; answered: number } {
  let nodeId = item.situations.start;
  let answered = 0;
  for (let steps = 0; steps <= Object.keys(item.situations.nodes).length; steps++) {
    const node = item.situations.nodes[nodeId];
    if (!node) throw new GuidanceError(`${item.name} 的情形节点 ${nodeId} 不存在 / the item's situation node ${nodeId} does not exist`);
    if (node.kind === 'outcome') return { outcome: node, answered };
    const value = answers[nodeId];
    if (value === undefined) {
      return {
        question: {
          kind: 'question',
          itemCode: item.implCode,
          itemName: item.name,
          nodeId,
          text: node.text,
          ...(node.help ? { help: node.help } : {}),
          options: node.options.map(({ value: v, label }) => ({ value: v, label })),
          answered,
        },
      };
    }
    const option = node.options.find((candidate) => candidate.value === value);
    if (!option) {
      throw new GuidanceError(
        `“${node.text}”没有选项 ${value}，可选：${node.options.map((o) => o.value).join('、')} / not an option of this question`,
      );
    }
    nodeId = option.next;
    answered++;
  }
  throw new GuidanceError(`${item.name} 的情形树有循环 / the item's situation tree loops`);
}

/** Given an item and the answers so far: the next question, or the materials, form and notes that apply. */
export function guideItem(catalog: Catalog, implCode: string, answers: Answers): GuidanceStep {
  const item = itemOf(catalog, implCode);
  const walked = walk(item, answers);
  if ('question' in walked) return walked.question;
  const byId = new Map(item.materials.map((material) => [material.id, material]));
  return {
    kind: 'result',
    materials: walked.outcome.materials.map((id) => ({ ...byId.get(id)!, items: [item.implCode] })),
    form: formOf(catalog, walked.outcome.form),
    notes: [...walked.outcome.notes, ...item.citizenNotes],
  };
}

/** 合并同类项: one entry per material id; the most copies, the strictest form, every requirement. */
function mergeMaterials(lists: GuidedMaterial[][]): GuidedMaterial[] {
  const merged = new Map<string, GuidedMaterial>();
  for (const material of lists.flat()) {
    const seen = merged.get(material.id);
    if (!seen) {
      merged.set(material.id, { ...material });
      continue;
    }
    merged.set(material.id, {
      ...seen,
      count: Math.max(seen.count, material.count),
      original: seen.original === material.original ? seen.original : 'both',
      carrier:
        seen.carrier === material.carrier ? seen.carrier : seen.carrier === 'paper' || material.carrier === 'paper' ? 'paper' : 'either',
      requirements: seen.requirements.includes(material.requirements)
        ? seen.requirements
        : `${seen.requirements}；${material.requirements}`,
      source: seen.source === material.source ? seen.source : 'applicant',
      items: [...new Set([...seen.items, ...material.items])],
    });
  }
  return [...merged.values()];
}

/**
 * One form for a bundle: the fields that two or more of its items ask for come first, asked once;
 * then each item's own fields.
 */
function mergeForms(bundle: Bundle, forms: { itemName: string; form: FormDef }[]): FormDef {
  const uses = new Map<string, number>();
  for (const { form } of forms) {
    for (const field of new Set(formFields(form).map((f) => f.id))) uses.set(field, (uses.get(field) ?? 0) + 1);
  }
  const shared = new Map<string, FormField>();
  const pages: FormDef['pages'] = [];
  for (const { itemName, form } of forms) {
    const own: FormField[] = [];
    for (const field of formFields(form)) {
      if ((uses.get(field.id) ?? 0) > 1) {
        if (!shared.has(field.id)) shared.set(field.id, field);
      } else {
        own.push(field);
      }
    }
    if (own.length) pages.push({ title: itemName, fields: own });
  }
  return {
    id: `bundle-${bundle.id}`,
    title: `${bundle.name}申请表`,
    pages: [...(shared.size ? [{ title: '共同信息', fields: [...shared.values()] }] : []), ...pages],
  };
}

/**
 * A bundle (一件事): each item's questions in turn, then one merged result — materials merged and
 * de-duplicated, one form whose shared fields are asked once, every item's notes.
 */
export function guideBundle(catalog: Catalog, bundleId: string, answers: Record<string, Answers>): GuidanceStep {
  const bundle = catalog.bundles.find((candidate) => candidate.id === bundleId);
  if (!bundle) throw new GuidanceError(`事项库中没有“一件事” ${bundleId} / no bundle ${bundleId} in the catalog`);
  const results: { item: Item; step: Extract<GuidanceStep, { kind: 'result' }> }[] = [];
  let answered = 0;
  for (const code of bundle.items) {
    const item = itemOf(catalog, code);
    const step = guideItem(catalog, code, answers[code] ?? {});
    if (step.kind === 'question') return { ...step, answered: answered + step.answered };
    answered += Object.keys(answers[code] ?? {}).length;
    results.push({ item, step });
  }
  return {
    kind: 'result',
    materials: mergeMaterials(results.map((result) => result.step.materials)),
    form: mergeForms(
      bundle,
      results.map((result) => ({ itemName: result.item.name, form: result.step.form })),
    ),
    notes: [...new Set(results.flatMap((result) => result.step.notes))],
  };
}

/** Every path through an item's tree, as the answers that take it there: for tests and the checker's users. */
export function allAnswerPaths(item: Item): Answers[] {
  const paths: Answers[] = [];
  const visit = (nodeId: string, answers: Answers) => {
    const node = item.situations.nodes[nodeId];
    if (!node) return;
    if (node.kind === 'outcome') {
      paths.push(answers);
      return;
    }
    for (const option of node.options) visit(option.next, { ...answers, [nodeId]: option.value });
  };
  visit(item.situations.start, {});
  return paths;
}

/** A guided form-filling step for an item or a 一件事, whichever the request names. */
export function guide(
  catalog: Catalog,
  request: { kind: 'item'; code: string; answers: Answers } | { kind: 'bundle'; id: string; answers: Record<string, Answers> },
): GuidanceStep {
  return request.kind === 'item' ? guideItem(catalog, request.code, request.answers) : guideBundle(catalog, request.id, request.answers);
}
