import type { CustomerView } from '../../shared/customer-view.js';

type Review = Extract<CustomerView, { kind: 'review' }>;

export interface Fact {
  labels: string[];
  value: string;
}

/**
 * The form's lines as the applicant checks them, each fact once: a value the screen already shows (the
 * applicant's name or number, the item) is left out, and a value given under two labels (手机号码 and
 * 联系电话 alike) is one line naming both, so nothing is hidden and nothing is read twice.
 */
export function reviewFacts(review: Pick<Review, 'fields' | 'itemName' | 'applicantName' | 'applicantIdNumber'>): Fact[] {
  const shown = new Set([review.itemName, review.applicantName, review.applicantIdNumber].filter(Boolean));
  const facts: Fact[] = [];
  for (const field of review.fields) {
    const value = field.value.trim();
    if (!value || shown.has(value)) continue;
    const same = facts.find((fact) => fact.value === value);
    if (!same) facts.push({ labels: [field.label], value });
    else if (!same.labels.includes(field.label)) same.labels.push(field.label);
  }
  return facts;
}
