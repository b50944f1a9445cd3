import { CASE_TYPES, MATERIAL_FORMS, type MaterialFile } from '../../../shared/cases.js';
import { formFields, type FormField, type Item } from '../../../shared/catalog.js';
import { fieldProblem } from '../../../shared/form-values.js';
import type { Answers, GuidanceStep, GuidedMaterial } from '../../../shared/guidance.js';

/**
 * 一窗受理 at the window as one pure state machine: who applies, for what, the materials, the form, the
 * applicant's confirmation, the decision and the result. The page renders it and sends the host what it
 * says; nothing here touches the DOM or the host, so the whole flow is tested without either.
 */

export const STEP_KEYS = ['applicant', 'item', 'materials', 'form', 'confirm', 'decision', 'done'] as const;
export type StepKey = (typeof STEP_KEYS)[number];

export type MaterialForm = keyof typeof MATERIAL_FORMS;
export type CaseType = keyof typeof CASE_TYPES;

export interface Received {
  received: boolean;
  form: MaterialForm;
  count: number;
  files: MaterialFile[];
}

/** A person as the clerk's own screen shows them: in full, because checking identity is the clerk's job. */
export interface ShownPerson {
  name: string;
  idNumber: string;
  typeName?: string;
  address?: string;
  validFrom?: string;
  validTo?: string;
  /** A data: URL of the card's photo, where a licensed decoder gave one. */
  photo?: string;
  problems: string[];
}

export interface Applicant {
  from: 'card' | 'prefill';
  person: ShownPerson;
}

/** One value of a pre-filled application that the clerk changed with the applicant: recorded with the case. */
export interface Correction {
  fieldId: string;
  from: string;
  to: string;
}

/** What 受理 or 不予受理 gave back, as the result step shows it. */
export interface Outcome {
  refused: boolean;
  oneTimeNotice: boolean;
  itemName: string;
  applicantName: string;
  receiptNumber: string | null;
  caseNumber: string | null;
  printed: boolean;
}

export interface FlowState {
  step: StepKey;
  applicant: Applicant | null;
  agentOn: boolean;
  agent: ShownPerson | null;
  mobile: string;
  query: string;
  item: Item | null;
  answers: Answers;
  guidance: GuidanceStep | null;
  received: Record<string, Received>;
  extraFiles: MaterialFile[];
  values: Record<string, string>;
  /** The values as the pre-filled application brought them, to tell the clerk's corrections from them. */
  prefilled: Record<string, string>;
  caseType: CaseType | null;
  flags: { joint: boolean; reported: boolean };
  captureFor: string;
  /** The applicant was asked to confirm what the page showed then; any change after that asks again. */
  reviewSent: boolean;
  confirmed: boolean;
  reason: string;
  outcome: Outcome | null;
  /** Items of this applicant's 一件事 already taken in: one case each. */
  taken: string[];
}

export const EXTRA = 'extra';
/** 代办: the agent's authorisation joins the checklist like any material the item asks for. */
export const AUTHORISATION_ID = 'authorisation';

export const initialFlow: FlowState = {
  step: 'applicant',
  applicant: null,
  agentOn: false,
  agent: null,
  mobile: '',
  query: '',
  item: null,
  answers: {},
  guidance: null,
  received: {},
  extraFiles: [],
  values: {},
  prefilled: {},
  caseType: null,
  flags: { joint: false, reported: false },
  captureFor: EXTRA,
  reviewSent: false,
  confirmed: false,
  reason: '',
  outcome: null,
  taken: [],
};

export type FlowAction =
  /** A new applicant: a new number called, a clerk logged in, or 下一位. */
  | { type: 'reset' }
  | { type: 'goTo'; step: StepKey }
  | { type: 'applicantRead'; person: ShownPerson }
  | { type: 'prefillOpened'; person: ShownPerson; values: Record<string, string> }
  | { type: 'agentToggled'; on: boolean }
  | { type: 'agentRead'; person: ShownPerson }
  | { type: 'mobileChanged'; mobile: string }
  | { type: 'queryChanged'; query: string }
  | { type: 'itemChosen'; item: Item; answers: Answers }
  | { type: 'itemCleared' }
  | { type: 'guided'; guidance: GuidanceStep }
  | { type: 'answered'; nodeId: string; value: string }
  | { type: 'materialChanged'; id: string; change: Partial<Received> }
  | { type: 'captureFor'; id: string }
  | { type: 'fileSaved'; file: MaterialFile }
  | { type: 'valueChanged'; fieldId: string; value: string }
  | { type: 'caseTypeChanged'; caseType: CaseType }
  | { type: 'flagChanged'; flag: 'joint' | 'reported'; on: boolean }
  | { type: 'reviewSent' }
  | { type: 'confirmed' }
  | { type: 'reasonChanged'; reason: string }
  | { type: 'submitted'; outcome: Outcome; itemCode: string }
  /** The same applicant's next item of their 一件事: the people and the form stay, the item and its materials go. */
  | { type: 'nextItem' };

const formOf = (material: GuidedMaterial): MaterialForm =>
  material.carrier === 'electronic' ? 'electronic' : material.original === 'copy' ? 'copy' : 'original';

const AUTHORISATION_RECEIVED: Received = { received: false, form: 'original', count: 1, files: [] };

/** A change to what the applicant confirmed: they must see it and sign again. */
const unconfirmed = (state: FlowState): FlowState => ({ ...state, reviewSent: false, confirmed: false });

const itemReset = {
  item: null,
  guidance: null,
  received: {},
  extraFiles: [],
  captureFor: EXTRA,
  reviewSent: false,
  confirmed: false,
  caseType: null,
  flags: { joint: false, reported: false },
  reason: '',
  outcome: null,
} satisfies Partial<FlowState>;

/** The answers that lead to `nodeId` and the one given there; what came after depended on it and goes. */
function answersUpTo(item: Item, answers: Answers, nodeId: string, value: string): Answers {
  const kept: Answers = {};
  let current = item.situations.start;
  for (let hops = 0; hops <= Object.keys(item.situations.nodes).length; hops++) {
    const node = item.situations.nodes[current];
    if (!node || node.kind === 'outcome') break;
    if (current === nodeId) return { ...kept, [nodeId]: value };
    const given = answers[current];
    const option = node.options.find((candidate) => candidate.value === given);
    if (given === undefined || !option) break;
    kept[current] = given;
    current = option.next;
  }
  return { ...answers, [nodeId]: value };
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'reset':
      return initialFlow;
    case 'goTo':
      return { ...state, step: action.step };
    case 'applicantRead':
      return { ...unconfirmed(state), applicant: { from: 'card', person: action.person }, step: state.item ? state.step : 'item' };
    case 'prefillOpened':
      return {
        ...initialFlow,
        applicant: { from: 'prefill', person: action.person },
        values: action.values,
        prefilled: action.values,
        mobile: action.values.phone ?? '',
        step: 'item',
      };
    case 'agentToggled':
      return { ...unconfirmed(state), agentOn: action.on, agent: action.on ? state.agent : null };
    case 'agentRead':
      return { ...unconfirmed(state), agent: action.person };
    case 'mobileChanged':
      return { ...unconfirmed(state), mobile: action.mobile.replace(/\D/g, '').slice(0, 11) };
    case 'queryChanged':
      return { ...state, query: action.query };
    case 'itemChosen':
      return { ...state, ...itemReset, item: action.item, answers: action.answers, step: 'item' };
    case 'itemCleared':
      return { ...state, ...itemReset, answers: {}, step: 'item' };
    case 'guided': {
      const guidance = action.guidance;
      const received =
        guidance.kind === 'result'
          ? Object.fromEntries(
              guidance.materials.map((m) => [
                m.id,
                state.received[m.id] ?? { received: false, form: formOf(m), count: m.count, files: [] },
              ]),
            )
          : {};
      // An item without questions goes straight to its materials; answering the last question does too.
      const step = guidance.kind === 'result' && state.step === 'item' && state.guidance?.kind !== 'result' ? 'materials' : state.step;
      return { ...state, guidance, received, step };
    }
    case 'answered':
      return state.item
        ? {
            ...unconfirmed(state),
            answers: answersUpTo(state.item, state.answers, action.nodeId, action.value),
            guidance: null,
            step: 'item',
          }
        : state;
    case 'materialChanged': {
      const current = stateOf(state, action.id);
      if (!current) return state;
      return { ...unconfirmed(state), received: { ...state.received, [action.id]: { ...current, ...action.change } } };
    }
    case 'captureFor':
      return { ...state, captureFor: action.id };
    case 'fileSaved': {
      if (state.captureFor === EXTRA) return { ...unconfirmed(state), extraFiles: [...state.extraFiles, action.file] };
      const current = stateOf(state, state.captureFor);
      if (!current) return state;
      return {
        ...unconfirmed(state),
        received: { ...state.received, [state.captureFor]: { ...current, received: true, files: [...current.files, action.file] } },
      };
    }
    case 'valueChanged':
      return { ...unconfirmed(state), values: { ...state.values, [action.fieldId]: action.value } };
    case 'caseTypeChanged':
      return { ...state, caseType: action.caseType };
    case 'flagChanged':
      return { ...state, flags: { ...state.flags, [action.flag]: action.on } };
    case 'reviewSent':
      return { ...state, reviewSent: true, confirmed: false };
    case 'confirmed':
      return state.reviewSent ? { ...state, confirmed: true, step: state.step === 'confirm' ? 'decision' : state.step } : state;
    case 'reasonChanged':
      return { ...state, reason: action.reason };
    case 'submitted':
      return { ...state, outcome: action.outcome, taken: [...state.taken, action.itemCode], step: 'done' };
    case 'nextItem':
      return { ...state, ...itemReset, answers: {}, query: '', step: 'item' };
  }
}

/** The result of the item's questions, once they are all answered. */
export function resultOf(state: FlowState): (GuidanceStep & { kind: 'result' }) | null {
  return state.item && state.guidance?.kind === 'result' ? state.guidance : null;
}

export interface ChecklistEntry {
  id: string;
  name: string;
  requirements: string;
}

/** What the window must receive: the outcome's materials, and the authorisation when an agent applies. */
export function checklist(state: FlowState, authorisation: Omit<ChecklistEntry, 'id'>): ChecklistEntry[] {
  const result = resultOf(state);
  if (!result) return [];
  return [
    ...result.materials.filter((m) => m.source !== 'shared').map((m) => ({ id: m.id, name: m.name, requirements: m.requirements })),
    ...(state.agentOn ? [{ id: AUTHORISATION_ID, ...authorisation }] : []),
  ];
}

/** 免提交: a department shares these, so the applicant is never asked for them. */
export const sharedMaterials = (state: FlowState): GuidedMaterial[] =>
  resultOf(state)?.materials.filter((m) => m.source === 'shared') ?? [];

export function stateOf(state: FlowState, id: string): Received | undefined {
  return state.received[id] ?? (id === AUTHORISATION_ID && state.agentOn ? AUTHORISATION_RECEIVED : undefined);
}

/** The form's fields the window fills; the signature is given on the applicant's screen. */
export const formFieldsOf = (state: FlowState): FormField[] => {
  const result = resultOf(state);
  return result ? formFields(result.form).filter((field) => field.type !== 'signature') : [];
};

/** A field the card or the pre-filled slip answers for the applicant, which the clerk does not type. */
export function fieldFromIdentity(state: FlowState, field: FormField): boolean {
  return field.prefill === 'name' || field.prefill === 'idNumber' ? state.applicant !== null : false;
}

/** The fields with a problem the clerk must fix, by id. */
export function formErrors(state: FlowState, regions: readonly { code: string; name: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of formFieldsOf(state)) {
    if (fieldFromIdentity(state, field)) continue;
    const problem = fieldProblem(field, state.values[field.id], { regions: regions as never });
    if (problem) errors[field.id] = problem;
  }
  return errors;
}

/** The clerk's changes to a pre-filled application, field by field. */
export function corrections(state: FlowState): Correction[] {
  if (state.applicant?.from !== 'prefill') return [];
  return formFieldsOf(state)
    .filter((field) => (state.values[field.id] ?? '') !== (state.prefilled[field.id] ?? ''))
    .map((field) => ({ fieldId: field.id, from: state.prefilled[field.id] ?? '', to: state.values[field.id] ?? '' }));
}

export type Missing =
  | { kind: 'applicant' }
  | { kind: 'agent' }
  | { kind: 'item' }
  | { kind: 'question' }
  | { kind: 'materials'; count: number }
  | { kind: 'fields'; count: number }
  | { kind: 'review' }
  | { kind: 'signature' };

/** What each step still lacks, so the steps bar can say it and the decision can be refused for it. */
export function missing(state: FlowState, regions: readonly { code: string; name: string }[]): Record<StepKey, Missing[]> {
  const list = checklist(state, { name: '', requirements: '' });
  const unreceived = list.filter((m) => !stateOf(state, m.id)?.received).length;
  const errors = Object.keys(formErrors(state, regions)).length;
  return {
    applicant: [
      ...(state.applicant ? [] : [{ kind: 'applicant' as const }]),
      ...(state.agentOn && !state.agent ? [{ kind: 'agent' as const }] : []),
    ],
    item: state.item ? (resultOf(state) ? [] : [{ kind: 'question' }]) : [{ kind: 'item' }],
    materials: unreceived > 0 ? [{ kind: 'materials', count: unreceived }] : [],
    form: errors > 0 ? [{ kind: 'fields', count: errors }] : [],
    confirm: state.reviewSent ? (state.confirmed ? [] : [{ kind: 'signature' }]) : [{ kind: 'review' }],
    decision: [],
    done: [],
  };
}

/** Materials not received: 受理 waits for them; 不予受理 names them on the one-time notice. */
export function unreceivedCount(state: FlowState): number {
  return checklist(state, { name: '', requirements: '' }).filter((m) => !stateOf(state, m.id)?.received).length;
}

export const canReview = (state: FlowState): boolean => state.applicant !== null && resultOf(state) !== null;

export const canAccept = (state: FlowState): boolean =>
  state.applicant !== null && resultOf(state) !== null && state.confirmed && unreceivedCount(state) === 0;

/** The grounds of a 不予受理: what the clerk wrote, else, with materials missing, the standard ground. */
export function grounds(state: FlowState, missingMaterialsGrounds: string): string {
  return state.reason.trim() || (unreceivedCount(state) > 0 ? missingMaterialsGrounds : '');
}

export const canRefuse = (state: FlowState, missingMaterialsGrounds: string): boolean =>
  state.applicant !== null && resultOf(state) !== null && grounds(state, missingMaterialsGrounds) !== '';

/** The situation questions answered on the way to where the item is, each with the answer given: shown, and changeable. */
export function answeredQuestions(
  state: FlowState,
): { nodeId: string; text: string; options: { value: string; label: string }[]; value: string }[] {
  const item = state.item;
  if (!item) return [];
  const out: { nodeId: string; text: string; options: { value: string; label: string }[]; value: string }[] = [];
  let current = item.situations.start;
  for (let hops = 0; hops <= Object.keys(item.situations.nodes).length; hops++) {
    const node = item.situations.nodes[current];
    if (!node || node.kind === 'outcome') break;
    const value = state.answers[current];
    const option = node.options.find((candidate) => candidate.value === value);
    if (!option) break;
    out.push({
      nodeId: current,
      text: node.text,
      options: node.options.map(({ value: v, label }) => ({ value: v, label })),
      value: option.value,
    });
    current = option.next;
  }
  return out;
}
