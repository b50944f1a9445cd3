import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ConsoleTerminal } from '../shared/console-terminals.js';
import { ApiError } from '../shared/errors.js';
import { hallApi } from '../shared/hall-api.js';
import { serveRoute } from '../http-server/serve-route.js';
import type { EventLog } from './event-log.js';
import type { HallSettingsService } from './hall-settings.js';
import type { LiveConfig } from './live-config.js';
import type { ManagerCaller } from './manager-sessions.js';
import type { TerminalRegistry } from './terminal-registry.js';

interface SettingsRoutes {
  settings: HallSettingsService;
  registry: TerminalRegistry;
  config: LiveConfig;
  events: EventLog;
  /** Any console session: a supervisor (监察) reads the settings and terminals too. */
  read: (request: FastifyRequest) => Promise<ManagerCaller>;
  /** A manager's session only: every change. */
  write: (request: FastifyRequest) => Promise<ManagerCaller>;
}

/** The console's configuration: settings shown, previewed as a diff, applied live and undone; terminals enrolled and revoked. */
export function serveSettingsRoutes(app: FastifyInstance, { settings, registry, config, events, read, write }: SettingsRoutes) {
  const asManager = <T>(caller: ManagerCaller, change: () => Promise<T>) => events.withActor(`manager:${caller.manager.id}`, change);
  serveRoute(app, hallApi.settings, read, () => settings.view());
  serveRoute(app, hallApi.previewSettings, write, (body) => settings.preview(body));
  serveRoute(app, hallApi.applySettings, write, (body, { caller }) => asManager(caller, () => settings.apply(body, caller.manager.id)));
  serveRoute(app, hallApi.undoSettings, write, (body, { caller }) =>
    asManager(caller, () => settings.undo(body.version, caller.manager.id)),
  );

  async function terminals(): Promise<{ terminals: ConsoleTerminal[] }> {
    const [listed, codes] = await Promise.all([registry.list(), registry.pendingCodes()]);
    const pending = new Map(codes.map((code) => [code.id, code.expiresAt]));
    const known = new Set(listed.map((terminal) => terminal.id));
    const unenrolled = codes
      .filter((code) => !known.has(code.id))
      .map((code) => ({ ...code, source: 'code' as const, enrolledAt: null, rotatedAt: null, revokedAt: null }));
    return {
      terminals: [...listed, ...unenrolled].map((terminal) => ({
        id: terminal.id,
        role: terminal.role,
        window: terminal.window,
        source: terminal.source,
        enrolledAt: terminal.enrolledAt,
        rotatedAt: terminal.rotatedAt,
        revokedAt: terminal.revokedAt,
        codePendingUntil: pending.get(terminal.id) ?? null,
      })),
    };
  }
  serveRoute(app, hallApi.consoleTerminals, read, () => terminals());
  serveRoute(app, hallApi.consoleEnrol, write, async (body, { caller }) => {
    const windows = config.current().windows;
    if (body.role === 'counter' && !windows.some((window) => window.number === body.window))
      throw new ApiError(
        'INVALID_INPUT',
        `窗口终端须选择本厅已有的窗口（${windows.map((window) => window.number).join('、')}）/ a counter needs one of this hall's windows`,
      );
    const terminal = { id: body.terminalId, role: body.role, window: body.role === 'counter' ? body.window : null };
    const { code, expiresAt } = await asManager(caller, () => registry.createEnrolmentCode(terminal, body.validHours));
    return { terminalId: terminal.id, code, expiresAt };
  });
  serveRoute(app, hallApi.consoleRevoke, write, async (body, { caller }) => {
    await asManager(caller, () => registry.revoke(body.terminalId));
    return terminals();
  });
}
