import type { z } from 'zod';
import { hallApi } from '../../shared/hall-api.js';
import { ApiErrorBodySchema, type HttpRoute } from '../../shared/http-route.js';

/**
 * A refusal of the hall, with its code (UNAUTHORIZED: the session has ended) and its "中文 / English" message;
 * or no answer the page could read (code UNREACHABLE, `status` the HTTP status if one came; OUTDATED, an
 * answer of another version than the page's), which the screen words from its own catalogue.
 */
export class ConsoleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ConsoleError';
  }
}

/**
 * One call of a hall route the route's declaration describes: its method, its path (relative to the page,
 * so the console works under a county cluster's /halls/<id>/ too), its reply checked with the route's own
 * schema. The session goes as the hall's HttpOnly cookie, never through the page's scripts.
 */
async function call<S extends HttpRoute>(
  route: S,
  request: { body?: unknown; query?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<z.output<S['response']>> {
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : '';
  let reply: Response;
  try {
    reply = await fetch(`${route.path.slice(1)}${query}`, {
      method: route.method,
      headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: 'same-origin',
      signal: request.signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    throw new ConsoleError('UNREACHABLE', 'no answer from the hall server');
  }
  const json: unknown = await reply.json().catch(() => null);
  if (!reply.ok) {
    const refusal = ApiErrorBodySchema.safeParse(json);
    if (refusal.success) throw new ConsoleError(refusal.data.error.code, refusal.data.error.message);
    throw new ConsoleError('UNREACHABLE', `the hall server answered ${reply.status}`, reply.status);
  }
  // An answer the page cannot read is a page older or newer than the hall (an upgrade since it was loaded).
  const answer = route.response.safeParse(json);
  if (!answer.success) throw new ConsoleError('OUTDATED', `the hall server's answer does not fit this page: ${answer.error.message}`);
  return answer.data as z.output<S['response']>;
}

/** Where the browser downloads an export from: the route's path relative to the page, with its query. */
export const exportUrl = (route: HttpRoute, query: Record<string, string>) =>
  `${route.path.slice(1)}?${new URLSearchParams(query).toString()}`;

export const consoleApi = {
  login: (body: z.input<typeof hallApi.managerLogin.body>) => call(hallApi.managerLogin, { body }),
  session: () => call(hallApi.managerSession),
  logout: () => call(hallApi.managerLogout, { body: {} }),
  stats: (range: { from: string; to: string }) => call(hallApi.stats, { query: range }),
  addAlertRule: (body: z.input<typeof hallApi.addAlertRule.body>) => call(hallApi.addAlertRule, { body }),
  removeAlertRule: (ruleId: string) => call(hallApi.removeAlertRule, { body: { ruleId } }),
  acknowledgeAlert: (alertId: string) => call(hallApi.acknowledgeAlert, { body: { alertId } }),
  followUps: (state: 'open' | 'all') => call(hallApi.followUps, { query: { state } }),
  followUpStep: (body: z.input<typeof hallApi.followUpStep.body>) => call(hallApi.followUpStep, { body }),
  workingCalendar: () => call(hallApi.workingCalendar),
  setWorkingDay: (body: z.input<typeof hallApi.setWorkingDay.body>) => call(hallApi.setWorkingDay, { body }),
  removeWorkingDay: (date: string) => call(hallApi.removeWorkingDay, { body: { date } }),
  auditLog: (query: Record<string, string | number>) =>
    call(hallApi.auditLog, { query: Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) }),
  auditVerify: () => call(hallApi.auditVerify),
  deadlineCards: () => call(hallApi.deadlineCards),
  settings: () => call(hallApi.settings),
  previewSettings: (body: z.input<typeof hallApi.previewSettings.body>) => call(hallApi.previewSettings, { body }),
  applySettings: (body: z.input<typeof hallApi.applySettings.body>) => call(hallApi.applySettings, { body }),
  undoSettings: (version: number) => call(hallApi.undoSettings, { body: { version } }),
  terminals: () => call(hallApi.consoleTerminals),
  enrol: (body: z.input<typeof hallApi.consoleEnrol.body>) => call(hallApi.consoleEnrol, { body }),
  revoke: (terminalId: string) => call(hallApi.consoleRevoke, { body: { terminalId } }),
  /** The hall once it is past `after` (at once without it). */
  liveHall: (after: number | undefined, signal: AbortSignal) =>
    call(hallApi.liveHall, { query: after === undefined ? undefined : { after: String(after) }, signal }),
};
