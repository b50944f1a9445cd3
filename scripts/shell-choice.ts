import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ShellChoice = { shell: 'electron'; binary: string } | { shell: 'browser'; reason: string };

export interface ShellFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The Electron binary's path if its package has one downloaded, else null. */
  electronBinary: string | null;
}

/** Electron windows where Electron and a display exist; browser mode otherwise, with the reason in one line. */
export function chooseShell(facts: ShellFacts): ShellChoice {
  if (facts.env.ONEWINDOW_SHELL === 'browser') return { shell: 'browser', reason: 'ONEWINDOW_SHELL=browser' };
  if (!facts.electronBinary) {
    return { shell: 'browser', reason: 'no Electron binary is installed (node_modules/electron has none downloaded)' };
  }
  if (facts.platform === 'linux' && !facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) {
    return { shell: 'browser', reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  return { shell: 'electron', binary: facts.electronBinary };
}

/** Where the electron package keeps its binary once downloaded (dist/ and path.txt), without loading the package. */
export function findElectronBinary(root: string): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
