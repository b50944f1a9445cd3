import { z } from 'zod';
import { CustomerViewSchema } from './customer-view.js';
import { EvaluationInputSchema, EvaluationSchema } from './evaluation.js';
import { event, method } from './rpc/define.js';

/** The applicant's screen beside a counter: what it shows, and the rating it asks for after a service. */
export const displayMethods = {
  'display.setCustomerView': method({
    summary: "Set what the applicant's screen beside this counter shows.",
    input: z.object({ view: CustomerViewSchema }).strict(),
    output: z.object({}),
    roles: ['operator'],
  }),
  'display.getCustomerView': method({
    summary: "What the applicant's screen shows now; the screen asks once, then follows display.customerView.",
    input: z.object({}).strict(),
    output: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
  'customer.rate': method({
    summary: 'The applicant rates the service just finished at this window (voluntary, once).',
    input: EvaluationInputSchema.pick({ level: true, reasons: true, contact: true }).strict(),
    output: EvaluationSchema,
    roles: ['customer'],
  }),
  'customer.skipRating': method({
    summary: 'The applicant chose not to rate: the screen returns to welcome.',
    input: z.object({}).strict(),
    output: z.object({}),
    roles: ['customer'],
  }),
};

export const displayEvents = {
  'display.customerView': event({
    summary: "The applicant's screen changed.",
    payload: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
};
