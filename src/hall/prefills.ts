import type { OpenedPrefill, PrefillApplication, PrefillTicket } from '../shared/prefill.js';
import { ApiError } from '../shared/errors.js';
import type { Caller } from './access.js';
import { randomCode } from './random-code.js';
import type { HallStore } from './storage/store.js';

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
export function createPrefills(store: HallStore, keepHours: number, now: () => Date) {
  const byCode = (code: string) => store.get<Row>('SELECT * FROM prefills WHERE code = ?', code);
  /** Deletes the expired codes with their content; how many went. */
  const purgeExpired = (): Promise<number> => store.run('DELETE FROM prefills WHERE expires_at < ?', now().toISOString());

  return {
    purgeExpired,

    async create(application: PrefillApplication, caller: Caller): Promise<PrefillTicket> {
      await purgeExpired();
      const at = now();
      const expiresAt = new Date(at.getTime() + keepHours * 3_600_000).toISOString();
      let code = randomCode();
      while (await byCode(code)) code = randomCode();
      await store.run(
        'INSERT INTO prefills (code, application, terminal_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        code,
        JSON.stringify(application),
        caller.terminalId,
        at.toISOString(),
        expiresAt,
      );
      return { code, expiresAt };
    },

    async open(code: string, caller: Caller): Promise<OpenedPrefill> {
      await purgeExpired();
      const at = now().toISOString();
      const row = await byCode(code);
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
      await store.run('UPDATE prefills SET application = NULL, opened_at = ?, opened_by = ? WHERE code = ?', at, caller.terminalId, code);
      return { application: JSON.parse(row.application) as PrefillApplication, createdAt: row.created_at, terminalId: row.terminal_id };
    },
  };
}
