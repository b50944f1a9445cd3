import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http-server/api-error.js';
import type { PlatformConfig } from './config.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest();

function bearer(request: Pick<FastifyRequest, 'headers'>): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/**
 * Terminals trade their enrolment secret for a short-lived bearer token. Tokens live in memory only, so
 * a restarted platform answers 401 and every terminal simply asks again: a token never outlives the
 * process that issued it.
 */
export function createTokens(config: PlatformConfig, now: () => number = Date.now) {
  const secrets = new Map(config.terminals.map((terminal) => [terminal.id, Buffer.from(terminal.secretSha256, 'hex')]));
  const live = new Map<string, { terminalId: string; expiresAt: number }>();

  return {
    issue(terminalId: string, secret: string) {
      const expected = secrets.get(terminalId);
      if (!expected || !timingSafeEqual(expected, sha256(secret))) {
        throw new ApiError('UNAUTHORIZED', 401, `终端 ${terminalId} 未在平台登记或密钥不对，请联系管理员 / terminal ${terminalId} is not enrolled with the platform or its secret is wrong: ask the administrator`);
      }
      for (const [token, entry] of live) if (entry.expiresAt <= now()) live.delete(token);
      const token = randomBytes(24).toString('base64url');
      live.set(token, { terminalId, expiresAt: now() + config.tokenTtlSeconds * 1000 });
      return { token, expiresInSeconds: config.tokenTtlSeconds };
    },
    /** The terminal a request comes from; 401 tells the terminal to fetch a new token. */
    terminalOf(request: Pick<FastifyRequest, 'headers'>): string {
      const token = bearer(request);
      const entry = token ? live.get(token) : undefined;
      if (!entry || entry.expiresAt <= now()) {
        throw new ApiError('UNAUTHORIZED', 401, '令牌无效或已过期，请重新获取 / the token is missing, wrong or expired: get a new one');
      }
      return entry.terminalId;
    },
    admin(request: Pick<FastifyRequest, 'headers'>): 'admin' {
      const token = bearer(request);
      if (!config.adminTokenSha256 || !token || !timingSafeEqual(Buffer.from(config.adminTokenSha256, 'hex'), sha256(token))) {
        throw new ApiError('FORBIDDEN', 403, '需要后台管理令牌 / this needs the back-office admin token');
      }
      return 'admin';
    },
  };
}
