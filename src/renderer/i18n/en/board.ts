import type { Catalogue } from '../catalogue.js';
import type { board as source } from '../zh-CN/board.js';

export const board: Catalogue<typeof source> = {
  title: 'Calls and queues',
  parts: {
    call: 'Current call',
    windows: 'Windows',
    queues: 'Waiting',
  },
  call: {
    now: 'Now calling',
    goTo: 'Please go to',
    window: 'Window {{number}}',
    idle: 'Waiting for the next call',
    idleHint: 'When you hear your number, please go to the window shown',
    previous: 'Called before',
  },
  windows: {
    title: 'Windows',
    number: 'No. {{number}}',
    paused: 'Paused',
    idle: 'Free',
  },
  queues: {
    title: 'People waiting',
    total: '{{count}} waiting',
    unit: 'waiting',
  },
  outage: {
    since: 'Reconnecting to the hall… what follows is as of {{time}}: listen for the window staff calling',
    nothing: 'Connecting to the hall… listen for the window staff calling',
  },
  page: 'Page {{page}} of {{pages}}',
};
