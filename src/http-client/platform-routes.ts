import type { HttpRoute } from '../shared/http-route.js';
import { platformApi } from '../shared/platform-api.js';
import { createRouteClient, PLATFORM_SERVER, type Failure, type RouteClient } from './route-client.js';

export interface PlatformCaller {
  baseUrl: string;
  /** The caller's id on the platform: a terminal's, or the hall server's. */
  terminalId: string;
  /** Its enrolment secret, traded for short-lived tokens. */
  secret: string;
  timeoutMs?: number;
  /** Whose secret it is, for the words of a refusal: 本终端 / this terminal, 大厅服务器 / the hall server. */
  who: { zh: string; en: string };
}

/**
 * The platform's routes as an enrolled caller (a counter, a kiosk, the hall server) calls them: a token
 * is traded for the secret before the first call, and once more when a call is refused with 401.
 */
export function createPlatformRoutes(caller: PlatformCaller): RouteClient<typeof platformApi> {
  let token: string | null = null;
  const routes = createRouteClient(platformApi, {
    baseUrl: caller.baseUrl,
    server: PLATFORM_SERVER,
    token: () => token ?? undefined,
    timeoutMs: caller.timeoutMs,
  });

  async function refresh(): Promise<Failure | null> {
    token = null;
    const issued = await routes.token({ body: { terminalId: caller.terminalId, secret: caller.secret } });
    if (issued.ok) {
      token = issued.value.token;
      return null;
    }
    if (issued.retry) return issued;
    // A refused secret is for the administrator to fix, not the call's: whatever waits on it stays and is tried again.
    return {
      ...issued,
      retry: true,
      message: `平台拒绝${caller.who.zh}的登记密钥，请管理员核对 / the platform refused ${caller.who.en}'s secret: ${issued.message}`,
    };
  }

  const authorized =
    <Q, T>(call: (request: Q) => Promise<T & ({ ok: true } | Failure)>) =>
    async (request: Q) => {
      for (let fresh = token === null; ; fresh = true) {
        if (fresh) {
          const refused = await refresh();
          if (refused) return refused;
        }
        const answer = await call(request);
        if (answer.ok || answer.status !== 401) return answer;
        if (fresh) return { ...answer, retry: true };
      }
    };

  const entries = Object.entries(routes).map(([name, call]) => [
    name,
    (platformApi[name as keyof typeof platformApi] as HttpRoute).authenticated === false ? call : authorized(call as never),
  ]);
  return Object.fromEntries(entries) as RouteClient<typeof platformApi>;
}
