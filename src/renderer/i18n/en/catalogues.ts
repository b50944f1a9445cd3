export { board } from './board.js';
export { common } from './common.js';
export { counter } from './counter.js';
export { customer } from './customer.js';
export { kiosk } from './kiosk.js';
export { manager } from './manager.js';
