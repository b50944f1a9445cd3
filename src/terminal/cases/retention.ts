import type { Db } from '../../storage/sqlite.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { MaterialStore } from './material-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Personal data does not stay on a counter PC longer than it must: a closed case the platform has
 * acknowledged (nothing of it left in the outbox) loses its record after `retentionDays`, keeping the
 * minimal row (id, 办件编号, item, stage, dates). A file no case names any more goes once it was last
 * captured a day ago, so a page captured again for a new case is never taken away mid-intake. Every
 * purge is written to the audit log.
 */
export function purgeExpiredCases(
  db: Db,
  materials: MaterialStore,
  audit: AuditLog,
  retentionDays: number,
  now: Date,
): { cases: number; files: number } {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const orphanCutoff = new Date(now.getTime() - DAY_MS).toISOString();
  const removed: string[] = [];
  const purged = db
    .transaction(() => {
      const cases = db
        .prepare<[string], { case_id: string; case_number: string | null }>(
          `SELECT case_id, case_number FROM cases
         WHERE purged_at IS NULL AND closed_at IS NOT NULL AND closed_at <= ?
           AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.case_id = cases.case_id)`,
        )
        .all(cutoff);
      const scrub = db.prepare(`UPDATE cases SET record = NULL, progress = '[]', purged_at = ? WHERE case_id = ?`);
      const unlink = db.prepare('DELETE FROM case_files WHERE case_id = ?');
      for (const row of cases) {
        scrub.run(now.toISOString(), row.case_id);
        unlink.run(row.case_id);
        audit.append('retention', 'case.purged', row.case_id, { caseNumber: row.case_number, retentionDays });
      }
      const unused = db
        .prepare<[string], { sha256: string }>(
          `SELECT sha256 FROM materials m
         WHERE NOT EXISTS (SELECT 1 FROM case_files f WHERE f.sha256 = m.sha256) AND m.created_at <= ?`,
        )
        .all(orphanCutoff);
      const forget = db.prepare('DELETE FROM materials WHERE sha256 = ?');
      for (const { sha256 } of unused) {
        forget.run(sha256);
        removed.push(sha256);
      }
      if (unused.length > 0) audit.append('retention', 'case.purged', null, { files: unused.length });
      return cases.length;
    })
    .immediate();
  // Files go after the commit: a crash in between leaves an unnamed encrypted file, never a row without its file.
  for (const sha256 of removed) materials.remove(sha256);
  return { cases: purged, files: removed.length };
}
