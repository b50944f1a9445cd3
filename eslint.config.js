import js from '@eslint/js';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The layer table of docs/architecture.md, enforced: each folder may import only what the allow table
 * below names, and only src/main may import electron. tests/lint/layers.test.ts proves each rule fires.
 */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const folder = (name) => [`**/${name}`, `**/${name}/**`, `../${name}`, `../${name}/**`, `../../${name}/**`];

const serverPackages = ['electron', 'ws', 'fastify', 'pino', 'better-sqlite3-multiple-ciphers', 'serialport', 'node-hid', 'usb'];

/**
 * The allow table: each folder of src/ and the folders it may import (besides itself). Everything else is
 * forbidden; `packages` are the packages it may not import either (electron for all but src/main).
 */
export const layers = {
  shared: {
    may: [],
    packages: [...nodeBuiltins, ...serverPackages, 'react', 'react-dom'],
    holds: 'rules without I/O (no Node, no I/O package, no React)',
  },
  storage: { may: ['shared'], packages: ['electron'], holds: 'persistence plumbing (SQLite, files on disk)' },
  'http-server': {
    may: ['shared'],
    packages: ['electron'],
    holds: 'serving over HTTP: the built pages, the Fastify plumbing the hall and platform share',
  },
  'http-client': {
    may: ['shared'],
    packages: ['electron'],
    holds: 'the one HTTP stack the terminal and the hall server call our servers with',
  },
  devices: { may: ['shared', 'storage'], packages: ['electron'], holds: 'the devices' },
  terminal: { may: ['shared', 'storage', 'devices', 'http-client', 'http-server'], packages: ['electron'], holds: 'the terminal host' },
  hall: { may: ['shared', 'storage', 'http-server', 'http-client'], packages: ['electron'], holds: 'the hall server' },
  platform: { may: ['shared', 'storage', 'http-server', 'http-client'], packages: ['electron'], holds: 'the reference platform' },
  main: {
    may: ['shared', 'storage', 'http-server', 'http-client', 'devices', 'terminal', 'hall', 'platform'],
    packages: [],
    holds: 'the Electron shell',
  },
  renderer: {
    may: ['shared'],
    packages: [...nodeBuiltins, ...serverPackages],
    holds: 'the pages, in the browser (shared and the DOM only)',
  },
};

/** What `layer` may not import: every other folder its row does not name, and its forbidden packages. */
function layerRule(layer, extraPaths = []) {
  const { may, packages, holds } = layers[layer];
  const forbidden = Object.keys(layers).filter((other) => other !== layer && !may.includes(other));
  const allowed = may.length
    ? `${may.join(', ')}${layer === 'shared' || layer === 'renderer' ? '' : ' and node'}`
    : 'nothing outside itself';
  const message = `src/${layer} is ${holds}: it may import ${allowed} only (docs/architecture.md, layers).`;
  return [
    'error',
    {
      paths: [...packages.map((name) => ({ name, message })), ...extraPaths],
      patterns: forbidden.length ? [{ group: forbidden.flatMap(folder), message }] : [],
    },
  ];
}

const layerRules = Object.keys(layers).map((layer) => ({
  files: [`src/${layer}/**`],
  ...(layer === 'renderer' ? { languageOptions: { globals: { ...globals.browser } } } : {}),
  rules: {
    'no-restricted-imports': layerRule(
      layer,
      layer === 'main'
        ? [
            {
              name: 'electron',
              importNames: ['crashReporter'],
              message:
                'Minidumps copy process memory (cards read, scanned pages): crashes are recorded by crashRecord() in policies.ts, which keeps no data.',
            },
          ]
        : [],
    ),
  },
}));

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
  ...layerRules,
  {
    // Pages reach the host only through the hooks of src/renderer/rpc (useQuery, useCall, useSend, useEvent):
    // without the client itself a page cannot skip their busy state, failure message and request ids.
    files: ['src/renderer/**'],
    ignores: ['src/renderer/rpc/**', 'src/renderer/main.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          'ImportSpecifier[imported.name=/^(useRpc|RpcContext)$/]',
          "ImportDeclaration[source.value=/\\/rpc\\/connection\\.js$/][importKind!='type']",
          "MemberExpression[property.name='onewindow']",
        ].map((selector) => ({
          selector,
          message: 'A page calls the host through the hooks of src/renderer/rpc (useQuery, useCall, useSend), not through the RPC client.',
        })),
      ],
    },
  },
  {
    files: ['scripts/**', 'tests/**', 'bench/**', '*.config.*'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src/main may import electron; tests mock it.' }] }],
    },
  },
  // Layout is Prettier's (`npm run format`, checked by `npm run lint`): no ESLint rule argues with it.
  prettier,
);
