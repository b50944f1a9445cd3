import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MaterialFile } from '../../shared/cases.js';
import { RpcError } from '../../shared/rpc/errors.js';
import { makePrivateDir } from '../../storage/private-files.js';

const MAGIC = Buffer.from('OWM1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The file system calls the store makes, so a test can make the disk full at the worst moment. */
export interface MaterialFs {
  openSync: typeof openSync;
  writeSync: (fd: number, buffer: Buffer) => number;
  fsyncSync: typeof fsyncSync;
  closeSync: typeof closeSync;
  renameSync: typeof renameSync;
}

const realFs: MaterialFs = { openSync, writeSync: (fd, buffer) => writeSync(fd, buffer), fsyncSync, closeSync, renameSync };

/**
 * Scanned materials as content-addressed files: named by a keyed hash of their SHA-256 (the name tells
 * nothing to someone who has only the disk), encrypted with AES-256-GCM, written to a temporary file,
 * fsynced and renamed, then the directory fsynced, so a file either exists whole or not at all. The
 * case row that names a file is written only after this returns.
 */
export function createMaterialStore(dir: string, caseKey: Buffer, fs: MaterialFs = realFs) {
  makePrivateDir(dir);
  const key = Buffer.from(hkdfSync('sha256', caseKey, Buffer.alloc(0), 'onewindow materials v1', 32));
  const fileOf = (sha256: string) => join(dir, createHmac('sha256', key).update(sha256).digest('hex'));

  function seal(plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
  }

  function writeDurably(target: string, bytes: Buffer): void {
    const temp = `${target}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      fd = fs.openSync(temp, 'w', 0o600);
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes.subarray(written));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(temp, target);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new RpcError(
          'UNAVAILABLE',
          '磁盘已满，材料未保存。请联系管理员清理磁盘后重新采集 / The disk is full: the material was not saved. Ask the administrator to free space, then capture it again',
        );
      }
      throw new RpcError(
        'UNAVAILABLE',
        `材料未能保存（${code ?? (error as Error).message}），请重试 / The material could not be saved (${code ?? (error as Error).message}): try again`,
      );
    }
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }

  return {
    dir,
    /** Stores the bytes once, however often the same page is captured. */
    put(bytes: Buffer, mediaType: MaterialFile['mediaType']): MaterialFile {
      if (bytes.length === 0)
        throw new RpcError('INVALID_INPUT', '材料文件是空的，请重新采集 / the material file is empty: capture it again');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = fileOf(sha256);
      // A file under this name was renamed into place whole: it is this material already.
      if (!existsSync(target)) writeDurably(target, seal(bytes));
      return { sha256, size: bytes.length, mediaType };
    },

    /** The material's bytes, decrypted and checked against its hash. */
    read(sha256: string): Buffer {
      const sealed = readFileSync(fileOf(sha256));
      if (!sealed.subarray(0, 4).equals(MAGIC)) throw new Error(`material ${sha256} is not in the store's format`);
      const iv = sealed.subarray(4, 4 + IV_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(sealed.subarray(4 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
      if (createHash('sha256').update(plain).digest('hex') !== sha256) throw new Error(`material ${sha256} does not match its hash`);
      return plain;
    },

    remove(sha256: string): void {
      rmSync(fileOf(sha256), { force: true });
    },
  };
}
export type MaterialStore = ReturnType<typeof createMaterialStore>;
