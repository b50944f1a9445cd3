import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { MaterialUploadSchema, UploadState } from '../shared/platform-api.js';
import { ApiError } from '../http-server/api-error.js';
import type { Db } from '../storage/sqlite.js';

interface MaterialRow {
  sha256: string;
  size: number;
  received: number;
  complete: number;
}

/**
 * Content-addressed material files received in pieces, tus-style: the terminal asks where an upload
 * stands, then appends from that offset. A file is kept under its hash only once the hash checks, so
 * a broken upload can never pass for a material. The file work is synchronous on purpose: two appends
 * to one upload can never interleave.
 */
export function createMaterialUploads(db: Db, dir: string) {
  mkdirSync(dir, { recursive: true });
  const find = db.prepare<[string], MaterialRow>('SELECT sha256, size, received, complete FROM materials WHERE sha256 = ?');
  const insert = db.prepare('INSERT INTO materials (sha256, size, media_type) VALUES (?, ?, ?)');
  const progress = db.prepare('UPDATE materials SET received = ?, complete = ?, bytes_written = bytes_written + ? WHERE sha256 = ?');
  const partFile = (sha256: string) => join(dir, `${sha256}.part`);
  const state = (row: MaterialRow): UploadState => ({ sha256: row.sha256, size: row.size, offset: row.received, complete: row.complete === 1 });

  function existing(sha256: string): MaterialRow {
    const row = find.get(sha256);
    if (!row) throw new ApiError('UPLOAD_NOT_FOUND', 404, `没有这个上传，请先创建 / no upload for ${sha256}: create it first`);
    return row;
  }

  return {
    create(upload: z.output<typeof MaterialUploadSchema>): UploadState {
      const row = find.get(upload.sha256);
      if (row) {
        if (row.size !== upload.size) {
          throw new ApiError('SIZE_MISMATCH', 422, `同一哈希的文件大小不同（${row.size} ≠ ${upload.size}）/ a file with this hash was announced with another size`);
        }
        return state(row);
      }
      insert.run(upload.sha256, upload.size, upload.mediaType);
      rmSync(partFile(upload.sha256), { force: true });
      return state(existing(upload.sha256));
    },

    /** Appends at `offset`; 409 with the real offset when the terminal's idea of it is stale. */
    append(sha256: string, offset: number, bytes: Buffer): UploadState {
      const row = existing(sha256);
      if (row.complete === 1) return state(row);
      if (offset !== row.received) {
        throw new ApiError('OFFSET_MISMATCH', 409, `上传位置不符：平台已收到 ${row.received} 字节 / the upload is at ${row.received} bytes, not ${offset}: resume from there`);
      }
      if (offset + bytes.length > row.size) {
        throw new ApiError('TOO_LARGE', 413, `超出声明的大小 ${row.size} 字节 / more bytes than the announced ${row.size}`);
      }
      const fd = openSync(partFile(sha256), offset === 0 ? 'w' : 'r+');
      try {
        writeSync(fd, bytes, 0, bytes.length, offset);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const received = offset + bytes.length;
      if (received < row.size) {
        progress.run(received, 0, bytes.length, sha256);
        return state(existing(sha256));
      }
      const actual = createHash('sha256').update(readFileSync(partFile(sha256))).digest('hex');
      if (actual !== sha256) {
        rmSync(partFile(sha256), { force: true });
        progress.run(0, 0, bytes.length, sha256);
        throw new ApiError('HASH_MISMATCH', 422, `文件校验失败（SHA-256 不符），请重新上传 / the file's SHA-256 does not match: upload it again from the start`);
      }
      renameSync(partFile(sha256), join(dir, sha256));
      progress.run(received, 1, bytes.length, sha256);
      return state(existing(sha256));
    },

    /** A complete material's bytes, for checks and the back office. */
    read(sha256: string): Buffer | null {
      const file = join(dir, sha256);
      return existsSync(file) ? readFileSync(file) : null;
    },
  };
}
