import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The layer table of DESIGN.md, enforced: each folder may import only what the table allows, and only
 * src/main may import electron. tests/lint/layers.test.ts proves each rule fires.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const folder = (name) => [`**/${name}`, `**/${name}/**`, `../${name}`, `../${name}/**`, `../../${name}/**`];

const forbid = (message, { names = [], folders = [] }) => [
  'error',
  {
    paths: names.map((name) => ({ name, message })),
    patterns: folders.length ? [{ group: folders.flatMap(folder), message }] : [],
  },
];

const noElectron = { names: ['electron'] };
const serverPackages = ['electron', 'ws', 'fastify', 'pino', 'better-sqlite3-multiple-ciphers', 'serialport', 'node-hid', 'usb'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': forbid('src/shared holds rules without I/O: it imports nothing outside itself (DESIGN.md, layers).', {
        names: [...nodeBuiltins, ...serverPackages, 'react', 'react-dom'],
        folders: ['devices', 'storage', 'http-server', 'http-client', 'terminal', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/storage/**'],
    rules: {
      'no-restricted-imports': forbid('src/storage is persistence plumbing (SQLite, files on disk): it may import shared and node only.', {
        ...noElectron,
        folders: ['devices', 'http-server', 'http-client', 'terminal', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/http-server/**'],
    rules: {
      'no-restricted-imports': forbid('src/http-server is the Fastify plumbing the hall and platform share: it may import shared and node only.', {
        ...noElectron,
        folders: ['devices', 'storage', 'http-client', 'terminal', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/http-client/**'],
    rules: {
      'no-restricted-imports': forbid('src/http-client is the one HTTP stack the terminal and the hall server call our servers with: it may import shared and node only.', {
        ...noElectron,
        folders: ['devices', 'storage', 'http-server', 'terminal', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/devices/**'],
    rules: {
      'no-restricted-imports': forbid('src/devices may import shared, storage and node only (DESIGN.md, layers).', {
        ...noElectron,
        folders: ['http-server', 'http-client', 'terminal', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/terminal/**'],
    rules: {
      'no-restricted-imports': forbid('src/terminal may import shared, storage, devices and node only (DESIGN.md, layers).', {
        ...noElectron,
        folders: ['http-server', 'hall', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/hall/**'],
    rules: {
      'no-restricted-imports': forbid('src/hall may import shared, storage, http-server and node only (DESIGN.md, layers).', {
        ...noElectron,
        folders: ['devices', 'terminal', 'platform', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/platform/**'],
    rules: {
      'no-restricted-imports': forbid('src/platform may import shared, storage, http-server and node only (DESIGN.md, layers).', {
        ...noElectron,
        folders: ['devices', 'terminal', 'hall', 'main', 'renderer'],
      }),
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['crashReporter'],
              message: 'Minidumps copy process memory (cards read, scanned pages): crashes are recorded by crashRecord() in policies.ts, which keeps no data.',
            },
          ],
          patterns: [{ group: folder('renderer'), message: 'src/main is the Electron shell: it may not import the renderer (DESIGN.md, layers).' }],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': forbid('src/renderer runs in the page: shared and the DOM only, never Node or Electron (DESIGN.md, layers).', {
        names: [...nodeBuiltins, ...serverPackages],
        folders: ['devices', 'storage', 'http-server', 'http-client', 'terminal', 'hall', 'platform', 'main'],
      }),
    },
  },
  {
    files: ['scripts/**', 'tests/**', 'bench/**', '*.config.*'],
    rules: {
      'no-restricted-imports': forbid('Only src/main may import electron; tests mock it.', noElectron),
    },
  },
);
