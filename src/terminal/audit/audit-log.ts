import type { Db } from '../../storage/sqlite.js';
import { entryHash, GENESIS, nextEntry, type AuditEntry } from '../../storage/audit-chain.js';

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  case_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** What an entry's hash covers, but the previous hash. */
const chainedFields = (row: Row) => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor,
  action: row.action,
  caseId: row.case_id,
  detail: JSON.parse(row.detail) as AuditEntry['detail'],
});

const entry = (row: Row): AuditEntry => ({ ...chainedFields(row), prev: row.prev_hash, hash: row.hash });

/**
 * The terminal's audit trail, hash-chained: every entry carries the previous entry's hash, so an edited,
 * removed or reordered entry is found by `onewindow-audit verify`. Append inside the transaction of the
 * change it records; the chain's tip is read there, so two writers can never fork it.
 */
export function createAuditLog(db: Db, now: () => Date) {
  const tip = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO audit (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const all = db.prepare<[], Row>('SELECT * FROM audit ORDER BY seq');
  const hashAt = db.prepare<[number], { hash: string }>('SELECT hash FROM audit WHERE seq = ?');

  // Entries from before the chain (schema version 1) are chained once, in order.
  db.transaction(() => {
    const unchained = db.prepare<[], Row>('SELECT * FROM audit WHERE hash IS NULL ORDER BY seq').all();
    if (unchained.length === 0) return;
    const setHash = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
    let prev =
      db
        .prepare<[number], { hash: string }>('SELECT hash FROM audit WHERE seq < ? AND hash IS NOT NULL ORDER BY seq DESC LIMIT 1')
        .get(unchained[0]!.seq)?.hash ?? GENESIS;
    for (const row of unchained) {
      const hash = entryHash({ ...chainedFields(row), prev });
      setHash.run(prev, hash, row.seq);
      prev = hash;
    }
  }).immediate();

  return {
    append(actor: string, action: string, caseId: string | null, detail: object = {}): AuditEntry {
      const { entry, detailJson } = nextEntry(tip.get(), { at: now().toISOString(), actor, action, caseId, detail });
      insert.run(entry.seq, entry.at, actor, action, caseId, detailJson, entry.prev, entry.hash);
      return entry;
    },
    /** The newest entry's seq and hash: what is anchored on the platform. */
    tip: () => tip.get() ?? null,
    hashAt: (seq: number) => hashAt.get(seq)?.hash ?? null,
    *entries(): Generator<AuditEntry> {
      for (const row of all.iterate()) yield entry(row);
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
