import { createHash, randomBytes } from 'node:crypto';
import { ENROLMENT_CODE_LENGTH, groupedCode, type Enrolment } from '../shared/enrolment.js';
import type { EnrolledTerminal } from '../shared/hall-config.js';
import type { TerminalRole } from '../shared/roles.js';
import { ApiError } from '../shared/errors.js';
import type { EventLog } from './event-log.js';
import { randomCode } from './random-code.js';
import type { HallStore } from './storage/store.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');

export interface RegisteredTerminal {
  id: string;
  role: TerminalRole;
  window: number | null;
}

export interface TerminalRecord extends RegisteredTerminal {
  source: 'config' | 'registry';
  enrolledAt: string | null;
  rotatedAt: string | null;
  revokedAt: string | null;
  rotationPending: boolean;
}

interface Row {
  id: string;
  role: TerminalRole;
  window: number | null;
  token_sha256: string | null;
  next_token_sha256: string | null;
  enrolled_at: string;
  rotated_at: string | null;
  revoked_at: string | null;
}

export const DEFAULT_ENROLMENT_CODE_HOURS = 24;

/**
 * Which terminals may use the hall, and with which token. The hall config's `terminals` are the ones a
 * technician listed by hand; the registry in the hall database holds the ones enrolled with a one-time
 * code, and it overrides the config for an id it knows: a config terminal whose token was rotated or
 * which was revoked stays so after the config is read again. The hall keeps hashes only, never a token.
 * Every change goes into the hall's event log, under the actor the caller set.
 */
export function createTerminalRegistry(
  store: HallStore,
  configured: readonly EnrolledTerminal[],
  events: EventLog,
  now: () => Date = () => new Date(),
) {
  const configByHash = new Map(configured.map((terminal) => [terminal.tokenSha256, terminal]));
  const byToken = (hash: string) => store.get<Row>('SELECT * FROM terminals WHERE token_sha256 = ? OR next_token_sha256 = ?', hash, hash);
  const byId = (id: string) => store.get<Row>('SELECT * FROM terminals WHERE id = ?', id);
  const upsert = (row: Pick<Row, 'id' | 'role' | 'window' | 'token_sha256' | 'enrolled_at'>) =>
    store.run(
      `INSERT INTO terminals (id, role, "window", token_sha256, next_token_sha256, enrolled_at, rotated_at, revoked_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, NULL)
       ON CONFLICT (id) DO UPDATE SET role = excluded.role, "window" = excluded."window", token_sha256 = excluded.token_sha256,
         next_token_sha256 = NULL, enrolled_at = excluded.enrolled_at, rotated_at = NULL, revoked_at = NULL`,
      row.id,
      row.role,
      row.window,
      row.token_sha256,
      row.enrolled_at,
    );
  const dropCodesOf = (terminalId: string) => store.run('DELETE FROM enrolment_codes WHERE terminal_id = ?', terminalId);
  /** Once a terminal is enrolled the API is closed for good: a revoked terminal keeps its row. */
  let anyEnrolled = false;
  const stamp = () => now().toISOString();

  function configuredRow(terminal: EnrolledTerminal): Row {
    return {
      id: terminal.id,
      role: terminal.role,
      window: terminal.window ?? null,
      token_sha256: terminal.tokenSha256,
      next_token_sha256: null,
      enrolled_at: stamp(),
      rotated_at: null,
      revoked_at: null,
    };
  }

  /** Makes sure the registry holds the terminal: one listed in the config is copied in as it is listed. */
  async function adopt(terminalId: string): Promise<void> {
    if (await byId(terminalId)) return;
    const listed = configured.find((terminal) => terminal.id === terminalId);
    if (!listed)
      throw new ApiError(
        'NOT_FOUND',
        `没有编号为 ${terminalId} 的终端 / no terminal with id ${terminalId}: \`list\` shows the enrolled ones`,
      );
    await upsert(configuredRow(listed));
  }

  return {
    /** With no terminal configured or ever enrolled (on any instance) the API is open (development only). */
    async isOpen(): Promise<boolean> {
      if (configured.length > 0 || anyEnrolled) return false;
      anyEnrolled = (await store.get('SELECT 1 AS one FROM terminals LIMIT 1')) !== undefined;
      return !anyEnrolled;
    },

    /** The terminal a token belongs to, or null. The first use of a rotated token retires the one before it. */
    async terminalOf(token: string): Promise<RegisteredTerminal | null> {
      const hash = sha256(token);
      const row = await byToken(hash);
      if (row) {
        if (row.next_token_sha256 === hash)
          await store.run(
            'UPDATE terminals SET token_sha256 = next_token_sha256, next_token_sha256 = NULL, rotated_at = ? WHERE id = ? AND next_token_sha256 = ?',
            stamp(),
            row.id,
            hash,
          );
        return { id: row.id, role: row.role, window: row.window };
      }
      const listed = configByHash.get(hash);
      if (!listed || (await byId(listed.id))) return null;
      return { id: listed.id, role: listed.role, window: listed.window ?? null };
    },

    /** A one-time code for the technician installing a terminal; only its hash is kept. */
    async createEnrolmentCode(
      terminal: RegisteredTerminal,
      validHours = DEFAULT_ENROLMENT_CODE_HOURS,
    ): Promise<{ code: string; expiresAt: string }> {
      const code = randomCode(ENROLMENT_CODE_LENGTH);
      const expiresAt = new Date(now().getTime() + validHours * 3_600_000).toISOString();
      await store.transaction(async () => {
        await store.run('DELETE FROM enrolment_codes WHERE expires_at <= ?', stamp());
        await dropCodesOf(terminal.id);
        await store.run(
          'INSERT INTO enrolment_codes (code_sha256, terminal_id, role, "window", created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          sha256(code),
          terminal.id,
          terminal.role,
          terminal.window,
          stamp(),
          expiresAt,
        );
        await events.append('terminal.codeIssued', null, terminal.window, { terminalId: terminal.id });
      });
      return { code: groupedCode(code), expiresAt };
    },

    /**
     * Trades a code for the terminal's token; enrolling again replaces whatever token the id had, revoked
     * or not. A code shown by another terminal than the one it was issued for is refused and stays valid.
     */
    enrol(code: string, terminalId: string): Promise<Enrolment> {
      return store.transaction(async () => {
        const taken = await store.get<{ terminal_id: string; role: TerminalRole; window: number | null; expires_at: string }>(
          'SELECT terminal_id, role, "window", expires_at FROM enrolment_codes WHERE code_sha256 = ?',
          sha256(code),
        );
        if (!taken || taken.expires_at <= stamp()) {
          throw new ApiError(
            'UNAUTHORIZED',
            '登记码无效、已使用或已过期，请向管理员索取新的登记码 / the enrolment code is wrong, used or expired: ask the administrator for a new one',
          );
        }
        if (taken.terminal_id !== terminalId) {
          throw new ApiError(
            'CONFLICT',
            // Not naming the terminal it is for: a guessed code must not tell which terminal id to claim.
            `此登记码不是为终端 ${terminalId} 签发的：请检查本终端配置的 terminalId，或向管理员索取本终端的登记码 / this code was not issued for terminal ${terminalId}: check this terminal's terminalId or ask for its own code`,
          );
        }
        await store.run('DELETE FROM enrolment_codes WHERE code_sha256 = ?', sha256(code));
        const token = newToken();
        await upsert({ id: taken.terminal_id, role: taken.role, window: taken.window, token_sha256: sha256(token), enrolled_at: stamp() });
        await events.append('terminal.enrolled', null, taken.window, { terminalId: taken.terminal_id });
        return { terminalId: taken.terminal_id, role: taken.role, window: taken.window, token };
      });
    },

    /** A new token for a terminal; the one it has keeps working until the new one is first used. */
    async rotate(terminalId: string): Promise<string> {
      const token = newToken();
      await store.transaction(async () => {
        await adopt(terminalId);
        await store.run('UPDATE terminals SET next_token_sha256 = ? WHERE id = ?', sha256(token), terminalId);
        await events.append('terminal.tokenRotated', null, null, { terminalId });
      });
      return token;
    },

    /** Ends a terminal's access at once, whether it was enrolled or listed in the config. */
    async revoke(terminalId: string): Promise<void> {
      await store.transaction(async () => {
        await adopt(terminalId);
        await store.run(
          'UPDATE terminals SET token_sha256 = NULL, next_token_sha256 = NULL, revoked_at = ? WHERE id = ?',
          stamp(),
          terminalId,
        );
        await dropCodesOf(terminalId);
        await events.append('terminal.revoked', null, null, { terminalId });
      });
    },

    /** The codes issued and neither used nor expired: for which terminal, and until when. */
    pendingCodes: (): Promise<(RegisteredTerminal & { expiresAt: string })[]> =>
      store.all<RegisteredTerminal & { expiresAt: string }>(
        'SELECT terminal_id AS id, role, "window", expires_at AS "expiresAt" FROM enrolment_codes WHERE expires_at > ? ORDER BY terminal_id',
        stamp(),
      ),

    async list(): Promise<TerminalRecord[]> {
      const rows = await store.all<Row>('SELECT * FROM terminals ORDER BY id');
      const known = new Set(rows.map((row) => row.id));
      const record = (row: Row, source: TerminalRecord['source']): TerminalRecord => ({
        id: row.id,
        role: row.role,
        window: row.window,
        source,
        enrolledAt: source === 'config' ? null : row.enrolled_at,
        rotatedAt: row.rotated_at,
        revokedAt: row.revoked_at,
        rotationPending: row.next_token_sha256 !== null,
      });
      return [
        ...rows.map((row) => record(row, 'registry')),
        ...configured.filter((terminal) => !known.has(terminal.id)).map((terminal) => record(configuredRow(terminal), 'config')),
      ].sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

export type TerminalRegistry = ReturnType<typeof createTerminalRegistry>;
