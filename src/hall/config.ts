import { readFileSync } from 'node:fs';
import { loadConfigFile } from '../shared/config-file.js';
import { HallConfigSchema, type HallConfig } from '../shared/hall-config.js';

export function loadHallConfig(file: string): HallConfig {
  return loadConfigFile(file, HallConfigSchema, (path) => readFileSync(path, 'utf8'));
}
