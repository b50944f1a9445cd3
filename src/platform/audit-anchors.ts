import { timingSafeEqual } from 'node:crypto';
import { ApiError } from '../shared/errors.js';
import { ANCHOR_CONFLICT, ANCHOR_NOT_NEWER, type AnchorCheck, type AuditAnchor, type AuditAnchorRequest } from '../shared/platform-api.js';
import type { Db } from '../storage/sqlite.js';
import type { Caller } from './tokens.js';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The anchors of each chain, append-only. Only the chain's owner anchors it; each anchor lies beyond the
 * newest and names it with the owner's own hash at its seq. A secret alone (without the chain) therefore
 * cannot place an anchor ahead of the real ones: before, the first anchor of a seq stood, so anchors
 * planted at future seqs made the real ones be dropped and an intact chain verify as rewritten.
 */
export function createAuditAnchors(db: Db, now: () => Date) {
  const insert = db.prepare<[string, number, string, string]>('INSERT INTO audit_anchors (terminal_id, seq, hash, at) VALUES (?, ?, ?, ?)');
  const newest = db.prepare<[string], AuditAnchor>(
    'SELECT seq, hash, at FROM audit_anchors WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const all = db.prepare<[string], AuditAnchor>('SELECT seq, hash, at FROM audit_anchors WHERE terminal_id = ? ORDER BY seq');

  function anchor(caller: Caller, request: AuditAnchorRequest): AuditAnchor {
    if (request.owner !== caller.terminalId) {
      throw new ApiError(
        'FORBIDDEN',
        `只能为本终端自己的审计链存证，不能为 ${request.owner} 存证 / a terminal anchors its own chain only, not the chain of ${request.owner}`,
      );
    }
    const last = newest.get(caller.terminalId);
    // The same anchor again (its reply was lost): it is already there.
    if (last && last.seq === request.seq && sameHash(last.hash, request.hash)) return last;
    if (last && request.seq <= last.seq) {
      throw new ApiError(
        ANCHOR_NOT_NEWER,
        `存证序号 ${request.seq} 不在平台已有的最新存证（序号 ${last.seq}）之后：存证序号只能递增 / anchor seq ${request.seq} is not beyond the newest anchor the platform holds (seq ${last.seq}): anchors only move forward`,
      );
    }
    const follows = last
      ? request.after !== null && request.after.seq === last.seq && sameHash(request.after.hash, last.hash)
      : request.after === null;
    if (!follows) {
      throw new ApiError(
        ANCHOR_CONFLICT,
        last
          ? `存证未接续平台已有的最新存证（序号 ${last.seq}）：本链在该序号的哈希与平台存证不符 / the anchor does not follow the newest anchor the platform holds (seq ${last.seq}): this chain's hash at that seq does not match it`
          : '平台尚无此链的存证，首个存证不应接续任何存证 / the platform holds no anchor of this chain yet: the first anchor follows none',
      );
    }
    const stored = { seq: request.seq, hash: request.hash, at: now().toISOString() };
    insert.run(caller.terminalId, stored.seq, stored.hash, stored.at);
    return stored;
  }

  return {
    /** Synchronous from the newest read to the insert, so two anchors at once cannot both follow the same one. */
    anchor,
    /** The newest seq only: its hash would let a holder of the secret alone anchor ahead. */
    newestSeq: (owner: string) => ({ seq: newest.get(owner)?.seq ?? null }),
    of: (owner: string) => all.all(owner),
    /** Whether the owner's hashes match its anchors: a yes or no per anchor, never the anchored hash. */
    check: (owner: string, points: readonly { seq: number; hash: string }[]): AnchorCheck => {
      const given = new Map(points.map((point) => [point.seq, point.hash]));
      return {
        anchors: all.all(owner).map((anchor) => {
          const hash = given.get(anchor.seq);
          return { seq: anchor.seq, at: anchor.at, matches: hash === undefined ? null : sameHash(hash, anchor.hash) };
        }),
      };
    },
  };
}
