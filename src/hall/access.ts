import type { FastifyRequest } from 'fastify';
import type { TerminalRole } from '../shared/roles.js';
import { ApiError } from '../shared/errors.js';
import type { RegisteredTerminal, TerminalRegistry } from './terminal-registry.js';

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

  type Lookup = { open: true } | { open: false; terminal: RegisteredTerminal | null };
  async function lookUp(headers: RequestLike['headers']): Promise<Lookup> {
    if (await registry.isOpen()) return { open: true };
    const token = tokenOf({ headers });
    return { open: false, terminal: token ? await registry.terminalOf(token) : null };
  }
  /**
   * The registry asked once per HTTP request: a route checks the token before the body is read and again
   * with it, and each ask is a query (on PostgreSQL a round trip). An event stream's listener is looked up
   * afresh at each recheck (`identify`), so a revoked terminal is cut.
   */
  const lookups = new WeakMap<RequestLike['headers'], Promise<Lookup>>();
  function lookUpOnce(headers: RequestLike['headers']): Promise<Lookup> {
    let lookup = lookups.get(headers);
    if (!lookup) lookups.set(headers, (lookup = lookUp(headers)));
    return lookup;
  }

  const identify = async (request: RequestLike, claimedId: string | undefined) => callerOf(await lookUp(request.headers), claimedId);

  function callerOf(lookup: Lookup, claimedId: string | undefined): Caller {
    if (lookup.open) return { terminalId: claimedId ?? 'unenrolled', role: null, window: null };
    const { terminal } = lookup;
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
      const caller = callerOf(await lookUpOnce(request.headers), body?.terminalId);
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
      const lookup = await lookUpOnce(headers);
      return lookup.open ? null : (lookup.terminal?.id ?? null);
    },
  };
}

export type Access = ReturnType<typeof createAccess>;
