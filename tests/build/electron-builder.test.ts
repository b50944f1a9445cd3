import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Target {
  target: string;
  arch: string[];
}

/** electron-builder cannot run here (no Electron download), so its settings are checked as data. */
const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: Target[] };
  linux: { target: Target[] };
};

describe('electron-builder.yml', () => {
  it('builds NSIS for Windows x64', () => {
    expect(config.win.target).toContainEqual({ target: 'nsis', arch: ['x64'] });
  });

  it('builds AppImage and deb for x64 and arm64 (UOS and Kylin run deb on arm64)', () => {
    for (const target of ['AppImage', 'deb']) {
      expect(config.linux.target).toContainEqual({ target, arch: ['x64', 'arm64'] });
    }
  });

  it('unpacks native modules from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('turns the security fuses on', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
  });

  it('ships an allowlist of files without sources, tests or source maps', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**/*', 'dist/renderer/**/*', '!**/*.map', '!src/**']));
    expect(config.files.some((pattern) => pattern.includes('tests'))).toBe(true);
    expect(
      config.files
        .filter((pattern) => !pattern.startsWith('!'))
        .every((pattern) => !pattern.startsWith('src') && !pattern.startsWith('tests')),
    ).toBe(true);
  });

  it('points the package at the bundled main process', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('dist/main/index.js');
    expect(pkg.scripts.postinstall ?? '').not.toContain('install-app-deps');
  });
});
