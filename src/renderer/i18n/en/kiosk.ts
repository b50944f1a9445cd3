import type { Catalogue } from '../catalogue.js';
import type { kiosk as source } from '../zh-CN/kiosk.js';

export const kiosk: Catalogue<typeof source> = {
  title: 'Self-service',
};
