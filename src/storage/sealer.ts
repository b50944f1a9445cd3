import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const PREFIX = 'ow-sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnsealError extends Error {
  constructor(what: string) {
    super(
      `无法解开已加密保存的${what}：密钥已更换或数据已损坏，请重新登记本终端 / cannot unseal the stored ${what}: its key changed or the value is damaged; enrol this terminal again`,
    );
    this.name = 'UnsealError';
  }
}

/**
 * Secrets a program keeps in its databases (a terminal's hall token), sealed with AES-256-GCM under a
 * 32-byte key kept apart from the database: the OS keystore's in Electron, a 0600 key file otherwise.
 * Each sealed value names its key by a short hash, so a value sealed under an earlier key (`others`)
 * still opens and can be sealed again under the current one.
 */
export function createSealer(current: Buffer, others: readonly Buffer[] = []) {
  const idOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);
  const currentId = idOf(current);
  const keys = new Map([...others, current].map((key) => [idOf(key), key]));

  return {
    seal(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${PREFIX}${currentId}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')}`;
    },
    /** Whether the value was sealed at all: a value stored before sealing existed is in clear. */
    isSealed: (stored: string) => stored.startsWith(PREFIX),
    /** Sealed, and under the current key: nothing to do. */
    isCurrent: (stored: string) => stored.startsWith(`${PREFIX}${currentId}:`),
    unseal(stored: string, what: string): string {
      const [keyId, payload] = stored.slice(PREFIX.length).split(':');
      const key = keyId === undefined ? undefined : keys.get(keyId);
      if (!stored.startsWith(PREFIX) || !key || !payload) throw new UnsealError(what);
      const bytes = Buffer.from(payload, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new UnsealError(what);
      }
    },
  };
}

export type Sealer = ReturnType<typeof createSealer>;
