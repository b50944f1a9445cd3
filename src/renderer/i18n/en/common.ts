import type { Catalogue } from '../catalogue.js';
import type { common as source } from '../zh-CN/common.js';

export const common: Catalogue<typeof source> = {
  hallNameFallback: 'OneWindow Government Service Hall',
  loading: 'Loading…',
  thisPage: 'this page',
  noSuchPage: 'No such page: {{path}}',
  wrongAddress: 'This address does not belong to this page: open the address the terminal printed at start.',
  dismiss: 'OK',
  productVersion: 'OneWindow v{{version}} · {{terminal}}',
  connectionLost: "Lost the connection to this terminal's host: reconnecting, try again in a moment",
  language: {
    switchLabel: 'Change language',
  },
  elderly: {
    on: 'Large text',
    off: 'Standard text',
  },
  connection: {
    connecting: 'Connecting…',
    reconnecting: 'Disconnected, reconnecting',
    hallOffline: 'Hall server offline',
    platformOffline: 'Online (platform offline)',
    online: 'Online',
    checking: 'Checking the network…',
  },
  panelFailed: {
    message: 'The “{{part}}” part of the screen failed; the rest of the page still works.',
    reload: 'Reload “{{part}}”',
  },
  citizenErrors: {
    unavailable: 'The service cannot be reached right now and is being retried: try again in a moment, or ask at the help desk',
    timeout: 'The service is slow to answer: try again in a moment, or ask at the help desk',
  },
};
