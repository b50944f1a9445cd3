import type { Catalogue } from '../catalogue.js';
import type { board as source } from '../zh-CN/board.js';

export const board: Catalogue<typeof source> = {
  title: 'Now calling',
};
