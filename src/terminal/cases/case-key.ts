import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Where the case store's 32-byte key comes from. In Electron the key is kept wrapped by the OS keystore
 * (safeStorage) and src/main supplies this; in browser mode and tests it is an environment variable or
 * a file the technician protects.
 */
export interface CaseKeySource {
  /** Where the key came from, for messages. */
  readonly describe: string;
  load(): Buffer;
}

export const CASE_KEY_VARIABLE = 'ONEWINDOW_CASE_KEY';

export class CaseKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseKeyError';
  }
}

/** 64 hex digits, surrounding whitespace ignored: what `openssl rand -hex 32` prints. */
export function parseCaseKey(text: string, where: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new CaseKeyError(
      `${where} 中的办件库密钥应为 64 位十六进制（可用 openssl rand -hex 32 生成）/ the case store key in ${where} must be 64 hex digits (make one with openssl rand -hex 32)`,
    );
  }
  return Buffer.from(hex, 'hex');
}

/** The key from the environment variable when set, else from the configured file. */
export function caseKeyFromEnvironment(env: NodeJS.ProcessEnv, keyFile: string | undefined): CaseKeySource {
  const value = env[CASE_KEY_VARIABLE];
  if (value !== undefined) return { describe: `$${CASE_KEY_VARIABLE}`, load: () => parseCaseKey(value, `$${CASE_KEY_VARIABLE}`) };
  if (keyFile) {
    return {
      describe: keyFile,
      load: () => {
        let text: string;
        try {
          text = readFileSync(keyFile, 'utf8');
        } catch (error) {
          throw new CaseKeyError(`无法读取办件库密钥文件 ${keyFile} / cannot read the case store key file ${keyFile}: ${(error as Error).message}`);
        }
        return parseCaseKey(text, keyFile);
      },
    };
  }
  return {
    describe: 'none',
    load: () => {
      throw new CaseKeyError(
        `窗口终端需要办件库密钥：设置环境变量 ${CASE_KEY_VARIABLE} 或在配置中写 cases.keyFile / a counter needs the case store key: set ${CASE_KEY_VARIABLE} or cases.keyFile in the terminal configuration`,
      );
    },
  };
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
        throw new CaseKeyError('系统密钥库不可用，无法打开办件库；请以登录用户身份运行本程序 / the OS keystore is not available, so the case store cannot be opened: run the program in a logged-in user session');
      }
      if (existsSync(file)) {
        let text: string;
        try {
          text = keystore.decryptString(readFileSync(file));
        } catch (error) {
          throw new CaseKeyError(`系统密钥库无法解开 ${file}（换了用户或重装了系统？）/ the OS keystore cannot unseal ${file} (another user, or a reinstalled system?): ${(error as Error).message}`);
        }
        return parseCaseKey(text, file);
      }
      const key = makeKey();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, keystore.encryptString(key.toString('hex')), { mode: 0o600, flush: true });
      return key;
    },
  };
}
