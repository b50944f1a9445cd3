import { readFileSync } from 'node:fs';

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

/**
 * The key from an environment variable when set, else from a key file; with neither, loading fails with
 * `missing`, which names the ways to give one.
 */
export function keyFromEnvironment(env: NodeJS.ProcessEnv, variable: string, keyFile: string | undefined, store: KeyedStore, missing: string): DatabaseKeySource {
  const value = env[variable];
  if (value !== undefined) return { describe: `$${variable}`, load: () => parseDatabaseKey(value, `$${variable}`, store) };
  if (keyFile) {
    return {
      describe: keyFile,
      load: () => {
        let text: string;
        try {
          text = readFileSync(keyFile, 'utf8');
        } catch (error) {
          throw new DatabaseKeySourceError(`无法读取${store.zh}密钥文件 ${keyFile} / cannot read the ${store.en} key file ${keyFile}: ${(error as Error).message}`);
        }
        return parseDatabaseKey(text, keyFile, store);
      },
    };
  }
  return {
    describe: 'none',
    load: () => {
      throw new DatabaseKeySourceError(missing);
    },
  };
}
