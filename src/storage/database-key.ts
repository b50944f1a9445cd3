import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertKeyFilePrivate, KeyFilePermissionError, makePrivateDir } from './private-files.js';

/** Where a database's 32-byte key comes from, and how to say so in a message. */
export interface DatabaseKeySource {
  readonly describe: string;
  load(): Buffer;
}

/** What the key opens, in both languages: "办件库" / "case store". */
export interface KeyedStore {
  zh: string;
  en: string;
}

export class DatabaseKeySourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseKeySourceError';
  }
}

/** 64 hex digits, surrounding whitespace ignored: what `openssl rand -hex 32` prints. */
export function parseDatabaseKey(text: string, where: string, store: KeyedStore): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new DatabaseKeySourceError(
      `${where} 中的${store.zh}密钥应为 64 位十六进制（可用 openssl rand -hex 32 生成）/ the ${store.en} key in ${where} must be 64 hex digits (make one with openssl rand -hex 32)`,
    );
  }
  return Buffer.from(hex, 'hex');
}

/** The key in a file the technician made; refused when its group or others may read it. */
export function keyFromFile(keyFile: string, store: KeyedStore): DatabaseKeySource {
  return {
    describe: keyFile,
    load: () => {
      let text: string;
      try {
        assertKeyFilePrivate(keyFile);
        text = readFileSync(keyFile, 'utf8');
      } catch (error) {
        if (error instanceof KeyFilePermissionError) throw new DatabaseKeySourceError(error.message);
        throw new DatabaseKeySourceError(
          `无法读取${store.zh}密钥文件 ${keyFile} / cannot read the ${store.en} key file ${keyFile}: ${(error as Error).message}`,
        );
      }
      return parseDatabaseKey(text, keyFile, store);
    },
  };
}

/**
 * The key from an environment variable when set, else from a key file; with neither, loading fails with
 * `missing`, which names the ways to give one.
 */
export function keyFromEnvironment(
  env: NodeJS.ProcessEnv,
  variable: string,
  keyFile: string | undefined,
  store: KeyedStore,
  missing: string,
): DatabaseKeySource {
  const value = env[variable];
  if (value !== undefined) return { describe: `$${variable}`, load: () => parseDatabaseKey(value, `$${variable}`, store) };
  if (keyFile) return keyFromFile(keyFile, store);
  return {
    describe: 'none',
    load: () => {
      throw new DatabaseKeySourceError(missing);
    },
  };
}

/**
 * A key the program makes for itself, at random, the first time, in a file of its data directory
 * (0600); later starts read it, and refuse it once its group or others may read it.
 */
export function ownKeyFile(file: string, store: KeyedStore, makeKey: () => Buffer = () => randomBytes(32)): DatabaseKeySource {
  return {
    describe: file,
    load: () => {
      if (existsSync(file)) return keyFromFile(file, store).load();
      const key = makeKey();
      makePrivateDir(dirname(file));
      writeFileSync(file, key.toString('hex'), { mode: 0o600, flush: true, flag: 'wx' });
      return key;
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
 * A key made once, at random, and kept in `file` sealed by the OS keystore: the file alone, copied off
 * the disk, opens nothing. Losing the keystore (a reinstalled OS) loses the key.
 */
export function keystoreKey(
  keystore: Keystore,
  file: string,
  store: KeyedStore,
  makeKey: () => Buffer = () => randomBytes(32),
): DatabaseKeySource {
  return {
    describe: `${file} (OS keystore)`,
    load: () => {
      if (!keystore.isEncryptionAvailable()) {
        throw new DatabaseKeySourceError(
          `系统密钥库不可用，无法打开${store.zh}；请以登录用户身份运行本程序 / the OS keystore is not available, so the ${store.en} cannot be opened: run the program in a logged-in user session`,
        );
      }
      if (existsSync(file)) {
        let text: string;
        try {
          text = keystore.decryptString(readFileSync(file));
        } catch (error) {
          throw new DatabaseKeySourceError(
            `系统密钥库无法解开 ${file}（换了用户或重装了系统？）/ the OS keystore cannot unseal ${file} (another user, or a reinstalled system?): ${(error as Error).message}`,
          );
        }
        return parseDatabaseKey(text, file, store);
      }
      const key = makeKey();
      makePrivateDir(dirname(file));
      writeFileSync(file, keystore.encryptString(key.toString('hex')), { mode: 0o600, flush: true });
      return key;
    },
  };
}
