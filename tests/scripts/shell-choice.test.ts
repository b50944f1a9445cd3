import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseShell, findElectronBinary } from '../../scripts/shell-choice.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('onewindow-shell-');

describe('choosing Electron or browser mode', () => {
  it('uses Electron where the binary and a display exist', () => {
    expect(chooseShell({ platform: 'linux', env: { DISPLAY: ':0' }, electronBinary: '/x/electron' })).toEqual({
      shell: 'electron',
      binary: '/x/electron',
    });
    expect(chooseShell({ platform: 'win32', env: {}, electronBinary: 'C:/x/electron.exe' }).shell).toBe('electron');
  });

  it('falls back to browser mode with the reason in one line', () => {
    expect(chooseShell({ platform: 'linux', env: { DISPLAY: ':0' }, electronBinary: null })).toMatchObject({
      shell: 'browser',
      reason: expect.stringContaining('no Electron binary'),
    });
    expect(chooseShell({ platform: 'linux', env: {}, electronBinary: '/x/electron' })).toMatchObject({
      shell: 'browser',
      reason: expect.stringContaining('no display'),
    });
    expect(chooseShell({ platform: 'linux', env: { DISPLAY: ':0', ONEWINDOW_SHELL: 'browser' }, electronBinary: '/x' }).shell).toBe(
      'browser',
    );
  });

  it('finds the Electron binary only where the package has downloaded one', () => {
    const root = tempDir();
    expect(findElectronBinary(root)).toBeNull();
    mkdirSync(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root)).toBeNull();
    writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(root)).toBe(join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });
});
