import { keyFromEnvironment, keystoreKey, type DatabaseKeySource, type Keystore, type KeyedStore } from '../../storage/database-key.js';

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

/**
 * The case store's key sealed by the OS keystore in `file`. Losing the keystore (a reinstalled OS) loses
 * the key, so cases must be synced, which is what the outbox is for.
 */
export function keystoreCaseKey(keystore: Keystore, file: string, makeKey?: () => Buffer): CaseKeySource {
  return keystoreKey(keystore, file, CASE_STORE, makeKey);
}
