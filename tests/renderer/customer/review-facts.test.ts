import { describe, expect, it } from 'vitest';
import { reviewFacts } from '../../../src/renderer/customer/review-facts.js';

const REVIEW = { itemName: '住房公积金提取（租赁住房）', applicantName: '张*试', applicantIdNumber: '430602********1231' };

describe('the facts the applicant checks', () => {
  it('shows each fact once: a value under two labels is one line naming both, and what the screen already shows is left out', () => {
    const facts = reviewFacts({
      ...REVIEW,
      fields: [
        { label: '联系电话', value: '138****8000' },
        { label: '申请人姓名', value: '张*试' },
        { label: '业务类型', value: '租赁住房提取' },
        { label: '手机号码', value: '138****8000' },
        { label: '证件号码', value: '430602********1231' },
        { label: '业务类型', value: '租赁住房提取' },
        { label: '备注', value: ' ' },
      ],
    });
    expect(facts).toEqual([
      { labels: ['联系电话', '手机号码'], value: '138****8000' },
      { labels: ['业务类型'], value: '租赁住房提取' },
    ]);
  });
});
