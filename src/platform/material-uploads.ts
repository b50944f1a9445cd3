import { createHash } from 'node:crypto';
import type { MaterialFile } from '../shared/cases.js';
import type { UploadState } from '../shared/platform-api.js';
import { ApiError } from '../shared/errors.js';
import type { Db } from '../storage/sqlite.js';

interface MaterialRow {
  sha256: string;
  size: number;
  received: number;
  complete: number;
}

/**
 * Content-addressed material files received in pieces, tus-style: the terminal asks where an upload
 * stands, then appends from that offset. The pieces live in the database, so a piece is durable with
 * the commit that records it (one fsync for a whole group of requests, not one per file), and a file
 * counts as complete only once its hash checks: a broken upload can never pass for a material.
 * Each terminal's uploads are its own: another terminal announcing the same hash with a wrong size, or
 * feeding it wrong bytes, touches only its own upload, never the real one.
 * Callers run these inside a transaction.
 */
export function createMaterialUploads(db: Db) {
  const find = db.prepare<[string, string], MaterialRow>(
    'SELECT sha256, size, received, complete FROM materials WHERE terminal_id = ? AND sha256 = ?',
  );
  const insert = db.prepare('INSERT INTO materials (terminal_id, sha256, size, media_type) VALUES (?, ?, ?, ?)');
  const progress = db.prepare(
    'UPDATE materials SET received = ?, complete = ?, bytes_written = bytes_written + ? WHERE terminal_id = ? AND sha256 = ?',
  );
  const addPiece = db.prepare('INSERT INTO material_pieces (terminal_id, sha256, offset, data) VALUES (?, ?, ?, ?)');
  const pieces = db.prepare<[string, string], { data: Buffer }>(
    'SELECT data FROM material_pieces WHERE terminal_id = ? AND sha256 = ? ORDER BY offset',
  );
  const dropPieces = db.prepare('DELETE FROM material_pieces WHERE terminal_id = ? AND sha256 = ?');
  const state = (row: MaterialRow): UploadState => ({
    sha256: row.sha256,
    size: row.size,
    offset: row.received,
    complete: row.complete === 1,
  });
  const whole = (terminalId: string, sha256: string) => Buffer.concat(pieces.all(terminalId, sha256).map((piece) => piece.data));

  function existing(terminalId: string, sha256: string): MaterialRow {
    const row = find.get(terminalId, sha256);
    if (!row) throw new ApiError('UPLOAD_NOT_FOUND', `没有这个上传，请先创建 / no upload for ${sha256}: create it first`);
    return row;
  }

  function create(terminalId: string, upload: MaterialFile): UploadState {
    const row = find.get(terminalId, upload.sha256);
    if (row) {
      if (row.size !== upload.size) {
        throw new ApiError(
          'SIZE_MISMATCH',
          `同一哈希的文件大小不同（${row.size} ≠ ${upload.size}）/ a file with this hash was announced with another size`,
        );
      }
      return state(row);
    }
    insert.run(terminalId, upload.sha256, upload.size, upload.mediaType);
    return state(existing(terminalId, upload.sha256));
  }

  return {
    create,

    /**
     * Appends at `offset`; 409 with the real offset when the terminal's idea of it is stale. With
     * `creating`, a first piece at offset 0 also creates the upload (tus creation-with-upload).
     */
    append(terminalId: string, sha256: string, offset: number, bytes: Buffer, creating?: MaterialFile): UploadState {
      if (creating && offset === 0 && !find.get(terminalId, sha256)) create(terminalId, creating);
      const row = existing(terminalId, sha256);
      if (row.complete === 1) return state(row);
      if (offset !== row.received) {
        throw new ApiError(
          'OFFSET_MISMATCH',
          `上传位置不符：平台已收到 ${row.received} 字节 / the upload is at ${row.received} bytes, not ${offset}: resume from there`,
        );
      }
      if (offset + bytes.length > row.size) {
        throw new ApiError('TOO_LARGE', `超出声明的大小 ${row.size} 字节 / more bytes than the announced ${row.size}`);
      }
      addPiece.run(terminalId, sha256, offset, bytes);
      const received = offset + bytes.length;
      if (received < row.size) {
        progress.run(received, 0, bytes.length, terminalId, sha256);
        return state(existing(terminalId, sha256));
      }
      if (createHash('sha256').update(whole(terminalId, sha256)).digest('hex') !== sha256) {
        // Kept on purpose though the request fails: the upload starts again from nothing.
        dropPieces.run(terminalId, sha256);
        progress.run(0, 0, bytes.length, terminalId, sha256);
        throw new ApiError(
          'HASH_MISMATCH',
          `文件校验失败（SHA-256 不符），请重新上传 / the file's SHA-256 does not match: upload it again from the start`,
        );
      }
      progress.run(received, 1, bytes.length, terminalId, sha256);
      return state(existing(terminalId, sha256));
    },

    /** Whether the terminal's upload of this file is complete (its bytes checked against the hash). */
    complete(terminalId: string, sha256: string): boolean {
      return find.get(terminalId, sha256)?.complete === 1;
    },
  };
}
