import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ownKeyFile, type DatabaseKeySource, type KeyedStore } from '../storage/database-key.js';
import { createSealer, type Sealer } from '../storage/sealer.js';

export const SECRETS_STORE: KeyedStore = { zh: '终端凭据', en: 'terminal credentials' };
const KEY_FILE = 'secrets.key';

/**
 * What seals the secrets the terminal keeps in terminal.db (its hall token). `key` is the OS keystore's
 * in Electron (src/main); without one, a key file the terminal makes in its data directory (0600), which
 * is also what `terminal:enrol` uses, so a token enrolled from the command line still opens under the
 * keystore and is sealed again under it at the next start.
 */
export function terminalSealer(dataDir: string, key?: DatabaseKeySource): Sealer {
  if (dataDir === ':memory:') return createSealer(randomBytes(32));
  const keyFile = ownKeyFile(join(dataDir, KEY_FILE), SECRETS_STORE);
  if (!key) return createSealer(keyFile.load());
  return createSealer(key.load(), existsSync(join(dataDir, KEY_FILE)) ? [keyFile.load()] : []);
}
