import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../shared/errors.js';
import type { HallConfig } from '../shared/hall-config.js';
import { MANAGER_SESSION_COOKIE, type ManagerSession } from '../shared/manager-console.js';
import type { EventLog } from './event-log.js';
import { createLoginGuard, wrongTry } from './login-guard.js';
import { createPinChecker } from './pin-hash.js';
import type { HallStore } from './storage/store.js';

/** A console left alone this long asks for the password again. */
export const SESSION_IDLE_MS = 30 * 60_000;
/** However busy, a session ends this long after its login: once a working day. */
export const SESSION_LONGEST_MS = 12 * 60 * 60_000;
/** A session's idle deadline moves on at most this often, so a console's requests are not each a write. */
const SLIDE_EVERY_MS = 60_000;

export type Manager = HallConfig['managers'][number];

export interface ManagerCaller {
  manager: Manager;
  session: ManagerSession;
  tokenHash: string;
}

interface SessionRow {
  manager_id: string;
  expires_ms: number;
  ends_ms: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session token a request carries in its cookie, if any: the console's only credential. */
export function sessionTokenOf(request: Pick<FastifyRequest, 'headers'>): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === MANAGER_SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * The console's logins and sessions. A password is checked as a clerk's PIN is (scrypt off the event loop, a
 * stand-in hash for an unknown account, five tries per account and per address counted in the database, then
 * five minutes locked); a session is a random token in an HttpOnly cookie, kept only as its SHA-256 in the
 * hall's database, so every server of the hall knows it. It ends after 30 idle minutes or 12 hours; a
 * manager removed from the configuration is logged out at their next request. Logins, failures and logouts
 * are in the hall's chained log, under the manager's name.
 */
export function createManagerSessions(store: HallStore, config: HallConfig, events: EventLog, now: () => Date) {
  const guard = createLoginGuard(store, config.timeZone, now);
  const passwordMatches = createPinChecker(config.managers.map((manager) => manager.passwordHash));
  const managerOf = (id: string) => config.managers.find((manager) => manager.id === id);
  const sessionOf = (manager: Manager, row: Pick<SessionRow, 'expires_ms' | 'ends_ms'>): ManagerSession => ({
    manager: { id: manager.id, name: manager.name, role: manager.role },
    expiresAt: new Date(Math.min(row.expires_ms, row.ends_ms)).toISOString(),
    endsBy: new Date(row.ends_ms).toISOString(),
  });
  const loggedOut = () =>
    new ApiError(
      'UNAUTHORIZED',
      '请先登录管理台；会话已结束或未登录 / log in to the console first: the session has ended or there is none',
    );

  return {
    /** A login: the session and its token for the cookie, or the refusal (a wrong password is logged before it is refused). */
    async login(managerId: string, password: string, address: string): Promise<{ token: string; session: ManagerSession }> {
      const manager = managerOf(managerId);
      const keys = [`manager ${managerId}`, `manager address ${address}`];
      const triesLeft = await guard.begin(keys);
      const matched = await passwordMatches(manager?.passwordHash, password);
      const outcome = await events.withActor(`manager:${managerId}`, () =>
        store.transaction(async () => {
          if (!manager || !matched) {
            await events.append('manager.loginFailed', null, null, { managerId: manager?.id, triesLeft });
            return { refusal: wrongTry('账号或密码不正确 / wrong account or password', triesLeft) };
          }
          await guard.succeeded(keys);
          const at = now().getTime();
          const token = randomBytes(32).toString('base64url');
          const row = { expires_ms: at + SESSION_IDLE_MS, ends_ms: at + SESSION_LONGEST_MS };
          await store.run(
            'INSERT INTO manager_sessions (token_hash, manager_id, started_ms, expires_ms, ends_ms) VALUES (?, ?, ?, ?, ?)',
            hashOf(token),
            manager.id,
            at,
            row.expires_ms,
            row.ends_ms,
          );
          await events.append('manager.loggedIn', null, null, { managerId: manager.id });
          return { token, session: sessionOf(manager, row) };
        }),
      );
      if ('refusal' in outcome) throw outcome.refusal;
      return outcome;
    },

    /** Who a request's cookie is; refused (401) without one that is current. Each use moves the idle deadline on. */
    async authenticate(request: Pick<FastifyRequest, 'headers'>): Promise<ManagerCaller> {
      const token = sessionTokenOf(request);
      if (!token) throw loggedOut();
      const tokenHash = hashOf(token);
      const at = now().getTime();
      const row = await store.get<SessionRow>(
        'SELECT manager_id, expires_ms, ends_ms FROM manager_sessions WHERE token_hash = ?',
        tokenHash,
      );
      const manager = row && managerOf(row.manager_id);
      if (!row || !manager || row.expires_ms <= at || row.ends_ms <= at) throw loggedOut();
      const moved = { expires_ms: Math.min(at + SESSION_IDLE_MS, row.ends_ms), ends_ms: row.ends_ms };
      if (moved.expires_ms - row.expires_ms >= SLIDE_EVERY_MS) {
        await store.transaction(() =>
          store.run('UPDATE manager_sessions SET expires_ms = ? WHERE token_hash = ?', moved.expires_ms, tokenHash),
        );
        return { manager, tokenHash, session: sessionOf(manager, moved) };
      }
      return { manager, tokenHash, session: sessionOf(manager, row) };
    },

    logout(caller: ManagerCaller): Promise<void> {
      return events.withActor(`manager:${caller.manager.id}`, () =>
        store.transaction(async () => {
          await store.run('DELETE FROM manager_sessions WHERE token_hash = ?', caller.tokenHash);
          await events.append('manager.loggedOut', null, null, { managerId: caller.manager.id });
        }),
      );
    },

    /** Sessions past their end, gone from the database (the retention routine's daily sweep). */
    purgeEnded: () => store.transaction(() => store.run('DELETE FROM manager_sessions WHERE expires_ms <= ?', now().getTime())),
  };
}

export type ManagerSessions = ReturnType<typeof createManagerSessions>;
