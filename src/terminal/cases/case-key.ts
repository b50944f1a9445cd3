import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseKeySourceError, keyFromEnvironment, parseDatabaseKey, type DatabaseKeySource, type KeyedStore } from '../../storage/database-key.js';

/**
 * Where the case store's 32-byte key comes from. In Electron the key is kept wrapped by the OS keystore
 * (safeStorage) and src/main supplies this; in browser mode and tests it is an environment variable or
 * a file the technician protects.
 */
export type CaseKeySource = DatabaseKeySource;

export const CASE_KEY_VARIABLE = 'ONEWINDOW_CASE_KEY';
const CASE_STORE: KeyedStore = { zh: '办件库', en: 'case store' };

/** The key from the environment variable when set, else from the configured file. */
export function caseKeyFromEnvironment(env: NodeJS.ProcessEnv, keyFile: string | undefined): CaseKeySource {
  return keyFromEnvironment(
    env,
    CASE_KEY_VARIABLE,
    keyFile,
    CASE_STORE,
    `窗口终端需要办件库密钥：设置环境变量 ${CASE_KEY_VARIABLE} 或在配置中写 cases.keyFile / a counter needs the case store key: set ${CASE_KEY_VARIABLE} or cases.keyFile in the terminal configuration`,
  );
}

/** The OS keystore as Electron's safeStorage offers it (DPAPI, Keychain, libsecret). */
export interface Keystore {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * The key made once, at random, and kept in `file` sealed by the OS keystore: the file alone, copied
 * off the disk, opens nothing. Losing the keystore (a reinstalled OS) loses the key, so cases must be
 * synced, which is what the outbox is for.
 */
export function keystoreCaseKey(keystore: Keystore, file: string, makeKey: () => Buffer = () => randomBytes(32)): CaseKeySource {
  return {
    describe: `${file} (OS keystore)`,
    load: () => {
      if (!keystore.isEncryptionAvailable()) {
        throw new DatabaseKeySourceError('系统密钥库不可用，无法打开办件库；请以登录用户身份运行本程序 / the OS keystore is not available, so the case store cannot be opened: run the program in a logged-in user session');
      }
      if (existsSync(file)) {
        let text: string;
        try {
          text = keystore.decryptString(readFileSync(file));
        } catch (error) {
          throw new DatabaseKeySourceError(`系统密钥库无法解开 ${file}（换了用户或重装了系统？）/ the OS keystore cannot unseal ${file} (another user, or a reinstalled system?): ${(error as Error).message}`);
        }
        return parseDatabaseKey(text, file, CASE_STORE);
      }
      const key = makeKey();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, keystore.encryptString(key.toString('hex')), { mode: 0o600, flush: true });
      return key;
    },
  };
}
