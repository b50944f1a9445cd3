import type { board } from './zh-CN/board.js';
import type { common } from './zh-CN/common.js';
import type { counter } from './zh-CN/counter.js';
import type { customer } from './zh-CN/customer.js';
import type { kiosk } from './zh-CN/kiosk.js';
import type { manager } from './zh-CN/manager.js';

/** Every namespace, by its zh-CN source: the type i18next checks each `t('ns:key')` against. */
export interface Resources {
  common: typeof common;
  kiosk: typeof kiosk;
  counter: typeof counter;
  customer: typeof customer;
  board: typeof board;
  manager: typeof manager;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: Resources;
  }
}
