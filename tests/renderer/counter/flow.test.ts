import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/shared/catalog.js';
import type { GuidanceStep } from '../../../src/shared/guidance.js';
import {
  answeredQuestions,
  canAccept,
  canRefuse,
  corrections,
  flowReducer,
  initialFlow,
  missing,
  type FlowAction,
  type FlowState,
} from '../../../src/renderer/counter/intake/flow.js';
import { submissionOf } from '../../../src/renderer/counter/intake/review.js';

const item = {
  implCode: '11440300007542037X4440117009000',
  name: '住房公积金提取（租赁住房）',
  department: '公积金中心',
  caseType: '2',
  promisedDays: 3,
  situations: {
    start: 'filed',
    nodes: {
      filed: {
        kind: 'question',
        text: '租赁合同是否备案？',
        options: [
          { value: 'no', label: '未备案', next: 'kind' },
          { value: 'yes', label: '已备案', next: 'end' },
        ],
      },
      kind: { kind: 'question', text: '租住类型？', options: [{ value: 'public', label: '公租房', next: 'end' }] },
      end: { kind: 'outcome', materials: ['id', 'lease'], form: 'f', notes: [] },
    },
  },
} as unknown as Item;

const result: GuidanceStep = {
  kind: 'result',
  materials: [
    {
      id: 'id',
      name: '居民身份证',
      requirements: '原件',
      count: 1,
      carrier: 'paper',
      original: 'original',
      source: 'applicant',
      items: [],
    },
    {
      id: 'lease',
      name: '住房租赁合同',
      requirements: '原件',
      count: 1,
      carrier: 'paper',
      original: 'original',
      source: 'applicant',
      items: [],
    },
  ],
  form: {
    id: 'f',
    title: '提取申请表',
    pages: [
      {
        title: '一',
        fields: [
          { id: 'applicant-name', label: '姓名', type: 'text', required: true, prefill: 'name' },
          { id: 'phone', label: '联系电话', type: 'phone', required: true },
          { id: 'bank', label: '银行卡号', type: 'text', required: true },
        ],
      },
    ],
  },
  notes: [],
} as unknown as GuidanceStep;

const run = (actions: FlowAction[], from: FlowState = initialFlow) => actions.reduce(flowReducer, from);
const person = { name: '张测试', idNumber: '430602199003071231', problems: [] };
const WORDS = {
  authorisation: '授权委托书',
  authorisationRequirements: '原件',
  extra: '其他材料',
  missingMaterialsGrounds: '材料不齐',
  mobileLabel: '手机号码',
  defaultRequirement: '请按办事指南提供',
};

describe('the intake flow', () => {
  it('moves from the card to the item, and to the materials once the questions are answered', () => {
    let state = run([{ type: 'applicantRead', person }]);
    expect(state.step).toBe('item');
    state = run(
      [
        { type: 'itemChosen', item, answers: {} },
        { type: 'guided', guidance: { kind: 'question' } as GuidanceStep },
      ],
      state,
    );
    expect(state.step).toBe('item');
    expect(missing(state, []).item).toEqual([{ kind: 'question' }]);
    state = run(
      [
        { type: 'answered', nodeId: 'filed', value: 'no' },
        { type: 'answered', nodeId: 'kind', value: 'public' },
        { type: 'guided', guidance: result },
      ],
      state,
    );
    expect(state.step).toBe('materials');
    expect(missing(state, []).materials).toEqual([{ kind: 'materials', count: 2 }]);
  });

  it('keeps every answer visible, and changing one drops only the answers that depended on it', () => {
    let state = run([{ type: 'itemChosen', item, answers: { filed: 'no', kind: 'public' } }]);
    expect(answeredQuestions(state).map((q) => [q.nodeId, q.value])).toEqual([
      ['filed', 'no'],
      ['kind', 'public'],
    ]);
    state = flowReducer(state, { type: 'answered', nodeId: 'filed', value: 'yes' });
    expect(state.answers).toEqual({ filed: 'yes' });
  });

  it('accepts only with the applicant, every material and their signature; a change after review asks for it again', () => {
    let state = run([
      { type: 'applicantRead', person },
      { type: 'itemChosen', item, answers: { filed: 'no', kind: 'public' } },
      { type: 'guided', guidance: result },
      { type: 'materialChanged', id: 'id', change: { received: true } },
    ]);
    expect(canAccept(state)).toBe(false);
    expect(canRefuse(state, '材料不齐')).toBe(true);
    state = run([{ type: 'materialChanged', id: 'lease', change: { received: true } }, { type: 'confirmed' }], state);
    expect(state.confirmed).toBe(false);
    state = run([{ type: 'reviewSent' }, { type: 'confirmed' }], state);
    expect(canAccept(state)).toBe(true);
    expect(canRefuse(state, '材料不齐')).toBe(false);
    state = flowReducer(state, { type: 'valueChanged', fieldId: 'bank', value: '6222' });
    expect(canAccept(state)).toBe(false);
    expect(missing(state, []).confirm).toEqual([{ kind: 'review' }]);
  });

  it('records what the clerk corrected on a pre-filled application', () => {
    const state = run([
      { type: 'prefillOpened', person, values: { 'applicant-name': '张测试', phone: '13800138000', bank: '6222' } },
      { type: 'itemChosen', item, answers: { filed: 'no', kind: 'public' } },
      { type: 'guided', guidance: result },
      { type: 'valueChanged', fieldId: 'bank', value: '6222021234567890123' },
    ]);
    expect(corrections(state)).toEqual([{ fieldId: 'bank', from: '6222', to: '6222021234567890123' }]);
    const submission = submissionOf(state, true, WORDS);
    expect(submission.form).toMatchObject({ formId: 'f', values: { bank: '6222021234567890123' }, corrections: corrections(state) });
    expect(submission.notice?.items.map((i) => i.material)).toEqual(['居民身份证', '住房租赁合同']);
    expect(submission.notice?.reason).toBe('材料不齐');
  });

  it('an agent adds the authorisation to the checklist, and a new applicant clears everything', () => {
    let state = run([
      { type: 'applicantRead', person },
      { type: 'agentToggled', on: true },
      { type: 'itemChosen', item, answers: { filed: 'yes' } },
      { type: 'guided', guidance: result },
    ]);
    expect(missing(state, []).materials).toEqual([{ kind: 'materials', count: 3 }]);
    expect(missing(state, []).applicant).toEqual([{ kind: 'agent' }]);
    state = run([{ type: 'reasonChanged', reason: '理由' }, { type: 'reset' }], state);
    expect(state).toEqual(initialFlow);
  });
});
