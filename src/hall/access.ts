import type { FastifyRequest } from 'fastify';
import type { TerminalRole } from '../shared/roles.js';
import { ApiError } from '../shared/errors.js';
import type { TerminalRegistry } from './terminal-registry.js';

export type TerminalKind = TerminalRole;

export interface Caller {
  terminalId: string;
  role: TerminalKind | null;
  window: number | null;
}

type RequestLike = Pick<FastifyRequest, 'headers' | 'url'>;

export interface RouteAccess {
  roles: readonly TerminalKind[];
  /** The body's windowNumber must be the calling counter's own window. */
  ownWindow?: boolean;
}

/**
 * Who is calling the hall API: an enrolled terminal, found in the registry by its bearer token. With no
 * terminals enrolled the API is open (development), and calls are recorded under the id they give.
 */
export function createAccess(registry: TerminalRegistry) {
  // Only the header: a token in the address would end up in logs and browser histories.
  function tokenOf(request: Pick<RequestLike, 'headers'>): string | null {
    const header = request.headers.authorization;
    return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
  }

  async function identify(request: RequestLike, claimedId: string | undefined): Promise<Caller> {
    if (await registry.isOpen()) return { terminalId: claimedId ?? 'unenrolled', role: null, window: null };
    const token = tokenOf(request);
    const terminal = token ? await registry.terminalOf(token) : null;
    if (!terminal) {
      throw new ApiError(
        'UNAUTHORIZED',
        '终端未登记或令牌无效，请联系管理员登记本终端 / this terminal is not enrolled or its token is wrong: ask the administrator to enrol it',
      );
    }
    return { terminalId: terminal.id, role: terminal.role, window: terminal.window };
  }

  return {
    /** Checks the caller may use a route; open mode allows everything. */
    async authorize(
      request: RequestLike,
      access: RouteAccess,
      body: { terminalId?: string; windowNumber?: number } | undefined,
    ): Promise<Caller> {
      const caller = await identify(request, body?.terminalId);
      if (caller.role === null) return caller;
      if (!access.roles.includes(caller.role)) {
        throw new ApiError(
          'FORBIDDEN',
          `终端 ${caller.terminalId}（${caller.role}）无权执行此操作 / terminal ${caller.terminalId} (${caller.role}) may not do this`,
        );
      }
      if (access.ownWindow && body?.windowNumber !== caller.window) {
        throw new ApiError(
          'FORBIDDEN',
          `终端 ${caller.terminalId} 只能操作 ${caller.window} 号窗口 / terminal ${caller.terminalId} may act for window ${caller.window} only`,
        );
      }
      return caller;
    },
    identify,
    /** The enrolled terminal a request's token verifies as; null in open mode or for a token that does not verify. */
    async terminalOf(headers: RequestLike['headers']): Promise<string | null> {
      if (await registry.isOpen()) return null;
      const token = tokenOf({ headers });
      return token ? ((await registry.terminalOf(token))?.id ?? null) : null;
    },
  };
}

export type Access = ReturnType<typeof createAccess>;
