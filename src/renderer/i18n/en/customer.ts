import type { Catalogue } from '../catalogue.js';
import type { customer as source } from '../zh-CN/customer.js';

export const customer: Catalogue<typeof source> = {
  title: 'Your application',
};
