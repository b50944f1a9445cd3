import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../shared/errors.js';
import type { Db } from '../storage/sqlite.js';
import type { PlatformConfig } from './config.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Who a request comes from: the terminal, the hall it stands in, and what it is. */
export interface Caller {
  terminalId: string;
  hall: string;
  role: PlatformConfig['terminals'][number]['role'];
}

function bearer(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/**
 * Terminals trade their enrolment secret for a short-lived bearer token. Tokens live in memory only, so
 * a restarted platform answers 401 and every terminal simply asks again: a token never outlives the
 * process that issued it. The back office may give a terminal a new secret or revoke it; that is kept
 * in the database and overrides the config's secret for the terminal.
 */
export function createTokens(config: PlatformConfig, db: Db, now: () => number = Date.now) {
  const configured = new Map(config.terminals.map((terminal) => [terminal.id, Buffer.from(terminal.secretSha256, 'hex')]));
  const enrolment = new Map(
    config.terminals.map((terminal): [string, Caller] => [
      terminal.id,
      { terminalId: terminal.id, hall: terminal.hall, role: terminal.role },
    ]),
  );
  const override = db.prepare<[string], { secret_sha256: string | null; revoked_at: string | null }>(
    'SELECT secret_sha256, revoked_at FROM terminal_secrets WHERE terminal_id = ?',
  );
  const saveOverride = db.prepare<[string, string | null, string, string | null]>(
    `INSERT INTO terminal_secrets (terminal_id, secret_sha256, changed_at, revoked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (terminal_id) DO UPDATE SET secret_sha256 = excluded.secret_sha256, changed_at = excluded.changed_at, revoked_at = excluded.revoked_at`,
  );
  const live = new Map<string, { terminalId: string; expiresAt: number }>();

  function expectedSecret(terminalId: string): Buffer | undefined {
    const row = override.get(terminalId);
    if (!row) return configured.get(terminalId);
    return row.secret_sha256 ? Buffer.from(row.secret_sha256, 'hex') : undefined;
  }
  function known(terminalId: string): void {
    if (!configured.has(terminalId) && !override.get(terminalId)) {
      throw new ApiError('NOT_FOUND', `平台没有登记终端 ${terminalId} / no terminal ${terminalId} is enrolled with the platform`);
    }
  }
  function dropTokensOf(terminalId: string): void {
    for (const [token, entry] of live) if (entry.terminalId === terminalId) live.delete(token);
  }
  const refused = (caller: Caller) =>
    caller.role === 'kiosk'
      ? new ApiError(
          'FORBIDDEN',
          `终端 ${caller.terminalId} 是自助机，只能查询办件进度 / terminal ${caller.terminalId} is a kiosk: it may only look up progress`,
        )
      : new ApiError(
          'FORBIDDEN',
          `终端 ${caller.terminalId}（${caller.role}）无权查看或办理办件 / terminal ${caller.terminalId} (${caller.role}) may not see or act on cases`,
        );
  const stamp = () => new Date(now()).toISOString();

  /** The terminal a request comes from; 401 tells the terminal to fetch a new token. */
  function callerOf(request: Pick<FastifyRequest, 'headers'>): Caller {
    const token = bearer(request);
    const entry = token ? live.get(token) : undefined;
    if (!entry || entry.expiresAt <= now()) {
      throw new ApiError('UNAUTHORIZED', '令牌无效或已过期，请重新获取 / the token is missing, wrong or expired: get a new one');
    }
    return enrolment.get(entry.terminalId)!;
  }

  return {
    /** The terminal a live token belongs to, or null: what the rate limits count by. */
    terminalOf(headers: FastifyRequest['headers']): string | null {
      const token = bearer({ headers });
      const entry = token ? live.get(token) : undefined;
      return entry && entry.expiresAt > now() ? entry.terminalId : null;
    },
    issue(terminalId: string, secret: string) {
      const expected = expectedSecret(terminalId);
      if (!expected || !timingSafeEqual(expected, sha256(secret))) {
        throw new ApiError(
          'UNAUTHORIZED',
          `终端 ${terminalId} 未在平台登记、已被吊销或密钥不对，请联系管理员 / terminal ${terminalId} is not enrolled with the platform, was revoked, or its secret is wrong: ask the administrator`,
        );
      }
      for (const [token, entry] of live) if (entry.expiresAt <= now()) live.delete(token);
      const token = randomBytes(24).toString('base64url');
      live.set(token, { terminalId, expiresAt: now() + config.tokenTtlSeconds * 1000 });
      return { token, expiresInSeconds: config.tokenTtlSeconds };
    },
    callerOf,
    /** A counter of a hall: only counters take cases in, sync them and hand results out. */
    counterOf(request: Pick<FastifyRequest, 'headers'>): Caller {
      const caller = callerOf(request);
      if (caller.role !== 'counter') throw refused(caller);
      return caller;
    },
    /** A counter or kiosk of a hall, for 进度查询: a board, or anything else enrolled, sees no case. */
    progressCallerOf(request: Pick<FastifyRequest, 'headers'>): Caller {
      const caller = callerOf(request);
      if (caller.role !== 'counter' && caller.role !== 'kiosk') throw refused(caller);
      return caller;
    },
    /** A hall's server: it supervises its hall's cases' deadlines, and takes no case in. */
    hallServerOf(request: Pick<FastifyRequest, 'headers'>): Caller {
      const caller = callerOf(request);
      if (caller.role !== 'hall') throw refused(caller);
      return caller;
    },
    /** The holder of an audit chain: a counter (its audit trail) or a hall server (its event log). */
    chainOwnerOf(request: Pick<FastifyRequest, 'headers'>): Caller {
      const caller = callerOf(request);
      if (caller.role !== 'counter' && caller.role !== 'hall') {
        throw new ApiError(
          'FORBIDDEN',
          `终端 ${caller.terminalId} 没有审计链，无需存证 / terminal ${caller.terminalId} keeps no audit chain to anchor`,
        );
      }
      return caller;
    },
    /** A new secret, shown once; the old secret and every token issued with it stop working. */
    reissueSecret(terminalId: string): { terminalId: string; secret: string } {
      known(terminalId);
      const secret = randomBytes(24).toString('base64url');
      saveOverride.run(terminalId, sha256(secret).toString('hex'), stamp(), null);
      dropTokensOf(terminalId);
      return { terminalId, secret };
    },
    revoke(terminalId: string): { terminalId: string; revokedAt: string } {
      known(terminalId);
      const revokedAt = stamp();
      saveOverride.run(terminalId, null, revokedAt, revokedAt);
      dropTokensOf(terminalId);
      return { terminalId, revokedAt };
    },
    admin(request: Pick<FastifyRequest, 'headers'>): 'admin' {
      const token = bearer(request);
      if (!config.adminTokenSha256 || !token || !timingSafeEqual(Buffer.from(config.adminTokenSha256, 'hex'), sha256(token))) {
        throw new ApiError('FORBIDDEN', '需要后台管理令牌 / this needs the back-office admin token');
      }
      return 'admin';
    },
  };
}
