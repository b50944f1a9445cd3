import type { Catalogue } from '../catalogue.js';
import type { counter as source } from '../zh-CN/counter.js';

export const counter: Catalogue<typeof source> = {
  title: 'Comprehensive window',
};
