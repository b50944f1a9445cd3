import { build } from 'esbuild';

/**
 * Bundles the Electron main process (ESM), the terminal host process it forks as a utility process (ESM,
 * next to it as dist/main/host-process.js) and the preload (CommonJS: sandboxed preloads cannot be ES
 * modules). Native modules and electron stay external; electron-builder unpacks the .node files.
 */
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: false, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['src/main/index.ts'],
  outfile: 'dist/main/index.js',
  format: 'esm',
  packages: 'external',
  external: ['electron'],
});
await build({
  ...common,
  entryPoints: ['src/terminal/host-process-entry.ts'],
  outfile: 'dist/main/host-process.js',
  format: 'esm',
  packages: 'external',
});
await build({
  ...common,
  entryPoints: ['src/main/preload.ts'],
  outfile: 'dist/main/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
