import type { z } from 'zod';
import type { DeadLetter } from '../../shared/cases.js';
import type { CaseOperation, CaseOperationSchema } from '../../shared/platform-api.js';
import type { Db } from '../../storage/sqlite.js';

export interface OutboxEntry {
  seq: number;
  opId: string;
  caseId: string;
  attempts: number;
  op: z.output<typeof CaseOperationSchema>;
}

interface OutboxRow {
  seq: number;
  op_id: string;
  case_id: string;
  body: string;
  attempts: number;
}

const entry = (row: OutboxRow): OutboxEntry => ({
  seq: row.seq,
  opId: row.op_id,
  caseId: row.case_id,
  attempts: row.attempts,
  op: JSON.parse(row.body),
});

/**
 * The transactional outbox: an operation is written in the same transaction as the case change it
 * carries, and leaves only when the platform has acknowledged it. Per case strictly in order (only
 * the oldest operation of a case is ever due); across cases in parallel.
 */
export function createOutbox(db: Db, now: () => number) {
  const insert = db.prepare('INSERT INTO outbox (op_id, case_id, kind, body, created_at) VALUES (?, ?, ?, ?, ?)');
  // Walks the outbox in order and stops at `limit`: the head of a case is the row with no earlier row of its
  // case. The unary + keeps SQLite off the state index, which would make it read and sort every pending row.
  const heads = db.prepare<[number, number], OutboxRow>(
    `SELECT o.seq, o.op_id, o.case_id, o.body, o.attempts FROM outbox o
     WHERE +o.state = 'pending' AND +o.next_at <= ?
       AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.case_id = o.case_id AND p.seq < o.seq)
     ORDER BY o.seq LIMIT ?`,
  );
  // May name a time when only a non-head operation is due; waking early is harmless, due() decides.
  const nextDue = db.prepare<[], { at: number | null }>(`SELECT min(next_at) AS at FROM outbox WHERE state = 'pending'`);
  const remove = db.prepare('DELETE FROM outbox WHERE seq = ?');
  const later = db.prepare('UPDATE outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE seq = ?');
  const bury = db.prepare(`UPDATE outbox SET attempts = attempts + 1, state = 'dead', last_error = ? WHERE seq = ?`);
  const counts = db.prepare<[], { backlog: number; dead: number }>(
    `SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS backlog, (SELECT count(*) FROM outbox WHERE state = 'dead') AS dead`,
  );
  const deadOne = db.prepare<[string], OutboxRow>(
    `SELECT seq, op_id, case_id, body, attempts FROM outbox WHERE op_id = ? AND state = 'dead'`,
  );
  const revive = db.prepare(`UPDATE outbox SET state = 'pending', next_at = 0, last_error = NULL WHERE seq = ?`);
  const deadList = db.prepare<
    [],
    {
      op_id: string;
      case_id: string;
      kind: string;
      last_error: string;
      attempts: number;
      created_at: string;
      case_number: string | null;
      item_name: string;
    }
  >(
    `SELECT o.op_id, o.case_id, o.kind, o.last_error, o.attempts, o.created_at, c.case_number, c.item_name
     FROM outbox o JOIN cases c USING (case_id) WHERE o.state = 'dead' ORDER BY o.seq`,
  );

  return {
    /** Call inside the transaction that makes the change. */
    enqueue(op: CaseOperation): void {
      insert.run(op.opId, op.caseId, op.kind, JSON.stringify(op), new Date(now()).toISOString());
    },
    due(limit: number, skipCases: ReadonlySet<string>): OutboxEntry[] {
      return heads
        .all(now(), limit + skipCases.size)
        .filter((row) => !skipCases.has(row.case_id))
        .slice(0, limit)
        .map(entry);
    },
    /** When the earliest waiting operation becomes due, or null when nothing waits. */
    nextDueAt(): number | null {
      return nextDue.get()?.at ?? null;
    },
    done(seq: number): void {
      remove.run(seq);
    },
    retryLater(seq: number, delayMs: number, error: string): void {
      later.run(now() + delayMs, error, seq);
    },
    dead(seq: number, error: string): void {
      bury.run(error, seq);
    },
    findDead(opId: string): OutboxEntry | null {
      const row = deadOne.get(opId);
      return row ? entry(row) : null;
    },
    revive(seq: number): void {
      revive.run(seq);
    },
    counts(): { backlog: number; dead: number } {
      return counts.get()!;
    },
    deadLetters(): DeadLetter[] {
      return deadList.all().map((row) => ({
        opId: row.op_id,
        caseId: row.case_id,
        caseNumber: row.case_number,
        itemName: row.item_name,
        kind: row.kind,
        error: row.last_error,
        attempts: row.attempts,
        createdAt: row.created_at,
      }));
    },
  };
}
