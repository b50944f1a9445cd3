import type { OpenedPrefill, PrefillApplication, PrefillTicket } from '../shared/prefill.js';
import type { Db } from '../storage/sqlite.js';
import { ApiError } from '../shared/errors.js';
import type { Caller } from './access.js';
import { randomCode } from './random-code.js';

interface Row {
  code: string;
  application: string | null;
  terminal_id: string;
  created_at: string;
  expires_at: string;
  opened_at: string | null;
}

/**
 * 预填码 on the hall server. What the citizen prepared is personal data: it is kept until a counter
 * opens it (then only the code and when remain, to tell a second clerk it was taken) or until it
 * expires (then the row goes).
 */
export function createPrefills(db: Db, keepHours: number, now: () => Date) {
  const insert = db.prepare('INSERT INTO prefills (code, application, terminal_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)');
  const byCode = db.prepare<[string], Row>('SELECT * FROM prefills WHERE code = ?');
  const markOpened = db.prepare('UPDATE prefills SET application = NULL, opened_at = ?, opened_by = ? WHERE code = ?');
  const purge = db.prepare<[string]>('DELETE FROM prefills WHERE expires_at < ?');
  /** Deletes the expired codes with their content; how many went. */
  const purgeExpired = (): number => purge.run(now().toISOString()).changes;

  return {
    purgeExpired,

    create(application: PrefillApplication, caller: Caller): PrefillTicket {
      purgeExpired();
      const at = now();
      const expiresAt = new Date(at.getTime() + keepHours * 3_600_000).toISOString();
      let code = randomCode();
      while (byCode.get(code)) code = randomCode();
      insert.run(code, JSON.stringify(application), caller.terminalId, at.toISOString(), expiresAt);
      return { code, expiresAt };
    },

    open(code: string, caller: Caller): OpenedPrefill {
      purgeExpired();
      const at = now().toISOString();
      const row = byCode.get(code);
      if (!row)
        throw new ApiError(
          'NOT_FOUND',
          `预填码 ${code} 不存在或已过期，请申请人重新填写或由窗口直接录入 / pre-fill code ${code} does not exist or has expired`,
        );
      if (row.application === null) {
        throw new ApiError(
          'REFUSED',
          `预填码 ${code} 已于 ${row.opened_at} 被窗口调取，不能再次使用 / pre-fill code ${code} was opened already at ${row.opened_at}`,
        );
      }
      markOpened.run(at, caller.terminalId, code);
      return { application: JSON.parse(row.application) as PrefillApplication, createdAt: row.created_at, terminalId: row.terminal_id };
    },
  };
}
