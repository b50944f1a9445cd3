import { readFileSync } from 'node:fs';
import { loadConfigFile } from '../shared/config-file.js';
import { TerminalConfigSchema, type TerminalConfig } from '../shared/terminal-config.js';

export function loadTerminalConfig(file: string): TerminalConfig {
  return loadConfigFile(file, TerminalConfigSchema, (path) => readFileSync(path, 'utf8'));
}
