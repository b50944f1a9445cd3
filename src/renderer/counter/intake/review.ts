import { MATERIAL_FORMS } from '../../../shared/cases.js';
import type { IntakeSubmission } from '../../../shared/contract-intake.js';
import { maskPhone } from '../../../shared/form-values.js';
import { shownFieldValue, type RegionName } from '../../forms/shown-value.js';
import { checklist, corrections, formFieldsOf, grounds, resultOf, stateOf, type FlowState } from './flow.js';

export interface IntakeReview {
  itemName: string;
  materials: { name: string; form: string; count: number }[];
  fields: { label: string; value: string }[];
}

/** Words the flow's pure functions need from the catalogue, so they stay free of i18n. */
export interface IntakeWords {
  authorisation: string;
  authorisationRequirements: string;
  extra: string;
  missingMaterialsGrounds: string;
  mobileLabel: string;
  defaultRequirement: string;
}

type CaseMaterial = IntakeSubmission['materials'][number];

/** Every material of the case: the checklist as received, and the other papers captured. */
export function caseMaterials(state: FlowState, words: IntakeWords): CaseMaterial[] {
  const listed = checklist(state, { name: words.authorisation, requirements: words.authorisationRequirements }).map((material) => ({
    name: material.name,
    ...stateOf(state, material.id)!,
  }));
  return state.extraFiles.length
    ? [...listed, { name: words.extra, received: true, form: 'electronic' as const, count: 1, files: state.extraFiles }]
    : listed;
}

/** What the applicant's screen shows to confirm: the item, the materials received, the form (masked). */
export function reviewOf(state: FlowState, regions: readonly RegionName[], words: IntakeWords): IntakeReview | null {
  if (!state.item || !resultOf(state)) return null;
  return {
    itemName: state.item.name,
    materials: caseMaterials(state, words)
      .filter((material) => material.received)
      .map((material) => ({ name: material.name, form: MATERIAL_FORMS[material.form], count: material.count })),
    fields: [
      ...formFieldsOf(state)
        .filter((field) => state.values[field.id])
        .map((field) => ({ label: field.label, value: shownFieldValue(field, state.values[field.id]!, regions) })),
      ...(state.mobile ? [{ label: words.mobileLabel, value: maskPhone(state.mobile) }] : []),
    ],
  };
}

/** The case as the page submits it: 受理, or 不予受理 with its grounds and what is missing. */
export function submissionOf(state: FlowState, refuse: boolean, words: IntakeWords): Omit<IntakeSubmission, 'requestId'> {
  const item = state.item!;
  const result = resultOf(state)!;
  const materials = caseMaterials(state, words);
  const list = checklist(state, { name: words.authorisation, requirements: words.authorisationRequirements });
  const fields = formFieldsOf(state);
  const prefilled = state.applicant!.from === 'prefill';
  const changed = corrections(state);
  // A pre-filled application is recorded as corrected here; a card's applicant has what the clerk typed.
  const values = prefilled
    ? state.values
    : Object.fromEntries(fields.filter((field) => state.values[field.id]).map((field) => [field.id, state.values[field.id]!]));
  return {
    itemCode: item.implCode,
    itemName: item.name,
    caseType: state.caseType ?? item.caseType,
    handlingForm: '1',
    flags: state.flags,
    promisedDays: item.promisedDays,
    applicant: { from: state.applicant!.from },
    ...(state.agentOn && state.agent ? { agent: { from: 'card' as const } } : {}),
    ...(/^1\d{10}$/.test(state.mobile) ? { mobile: state.mobile } : {}),
    materials,
    form: { formId: result.form.id, values, ...(changed.length ? { corrections: changed } : {}) },
    ...(refuse
      ? {
          notice: {
            reason: grounds(state, words.missingMaterialsGrounds),
            items: materials
              .filter((material) => !material.received)
              .map((material) => ({
                material: material.name,
                requirement: list.find((m) => m.name === material.name)?.requirements ?? words.defaultRequirement,
              })),
          },
        }
      : {}),
  };
}
