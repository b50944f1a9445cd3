import { hallApi } from '../../src/shared/hall-api.js';
import { TEST_MANAGER } from './hall-config.js';

/** A console login at the hall at `base`: its answer, the Set-Cookie it gave and the cookie to send back. */
export async function managerLogin(base: string, account: { id: string; password: string } = TEST_MANAGER) {
  const reply = await fetch(`${base}${hallApi.managerLogin.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ managerId: account.id, password: account.password }),
  });
  const setCookie = reply.headers.get('set-cookie');
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown>, setCookie, cookie: setCookie?.split(';')[0] };
}

/** The session cookie of a manager logged in at `base` (the test hall's manager unless another is named). */
export async function managerCookie(base: string, account?: { id: string; password: string }): Promise<string> {
  const login = await managerLogin(base, account);
  if (!login.cookie) throw new Error(`console login at ${base} refused: ${JSON.stringify(login.body)}`);
  return login.cookie;
}

/** A call of a console route at `base` with a session cookie: GET without a body, POST with one; its status and JSON. */
export async function consoleCall(base: string, cookie: string, path: string, body?: unknown) {
  const reply = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}
