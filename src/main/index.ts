import { app, BrowserWindow, Menu, powerSaveBlocker, protocol, screen, session } from 'electron';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile } from '../shared/config-file.js';
import { PAGES } from '../shared/roles.js';
import { events, methods } from '../shared/contract.js';
import { eventsForRole, methodsForRole } from '../shared/rpc/define.js';
import { TerminalConfigSchema, type TerminalConfig } from '../shared/terminal-config.js';
import { servePage } from '../http-server/page-server.js';
import { terminalDataDir } from '../terminal/terminal-db.js';
import { startHostProcess, type HostProcess } from './utility-host.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  createCrashBackoff,
  crashRecord,
  navigationAllowed,
  pageUrl,
  parseMainArgs,
  permissionAllowed,
  planWindows,
  secureWebPreferences,
  shortcutBlocked,
  type CrashRecord,
  type WindowPlan,
} from './policies.js';

/**
 * The Electron composition root: windows, preloads and the terminal host's utility process
 * (utility-host.ts); each window of the terminal's role talks to the host over its own MessagePort.
 * Everything this file decides is in policies.ts.
 */
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!navigationAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail(error));
}

function loadConfig(): TerminalConfig {
  const args = parseMainArgs(process.argv, process.env);
  const config = loadConfigFile(args.config, TerminalConfigSchema, (path) => readFileSync(path, 'utf8'));
  return {
    ...config,
    hall: { ...config.hall, url: args.hallUrl ?? config.hall.url },
    platform: { ...config.platform, url: args.platformUrl ?? config.platform.url },
  };
}

async function start(): Promise<void> {
  const config = loadConfig();
  protocol.handle(APP_SCHEME, async (request) => {
    const reply = await servePage(RENDERER_DIR, PAGES, request.method, new URL(request.url).pathname, APP_ORIGIN);
    return new Response(typeof reply.body === 'string' ? reply.body : new Uint8Array(reply.body), {
      status: reply.status,
      headers: reply.headers,
    });
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permissionAllowed(permission, contents.getURL(), mediaTypes));
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, ['video']),
  );
  if (config.role !== 'counter') Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  const crashes = join(terminalDataDir(config), 'crashes.jsonl');
  const recordCrash = (record: CrashRecord) => appendFileSync(crashes, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  process.on('uncaughtException', (error) => {
    recordCrash(crashRecord('main', error));
    app.exit(1);
  });
  app.on('child-process-gone', (_event, details) => {
    if (details.reason !== 'clean-exit') recordCrash(crashRecord(details.type, details));
  });
  const host = await startHostProcess(config, recordCrash);
  const plan = planWindows(
    config.role,
    screen.getAllDisplays().map((display) => ({
      id: display.id,
      primary: display.id === screen.getPrimaryDisplay().id,
      bounds: display.bounds,
    })),
  );
  for (const skipped of plan.skipped) console.warn(`${skipped.page}: ${skipped.reason}`);
  for (const windowPlan of plan.windows) openWindow(windowPlan, config, host, recordCrash);
  app.on('window-all-closed', () => {
    void host.stop().finally(() => app.quit());
  });
}

function openWindow(plan: WindowPlan, config: TerminalConfig, host: HostProcess, recordCrash: (record: CrashRecord) => void): void {
  // Electronegativity cannot see through secureWebPreferences() (policies.ts: contextIsolation, sandbox,
  // no nodeIntegration, tested in tests/main), nor the web-contents-created handlers above that deny every
  // new window (middle-click included) and navigation away from the app. Its annotation must stay on the
  // call's line, where Prettier would not leave it.
  // prettier-ignore
  const window = new BrowserWindow({ /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK NODE_INTEGRATION_JS_CHECK AUXCLICK_JS_CHECK */
    ...plan.bounds,
    kiosk: plan.kiosk,
    fullscreen: plan.kiosk,
    focusable: plan.focusable,
    autoHideMenuBar: true,
    backgroundColor: '#f3f6fa',
    title: `一窗通 OneWindow · ${config.hallName}`,
    webPreferences: secureWebPreferences(PRELOAD, {
      role: plan.role,
      methods: methodsForRole(methods, plan.role),
      events: eventsForRole(events, plan.role),
    }),
  });
  const contents = window.webContents;
  host.connect(contents, plan.role);
  contents.on('before-input-event', (event, input) => {
    if (shortcutBlocked(input, config.role)) event.preventDefault();
  });
  const backoff = createCrashBackoff();
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    recordCrash(crashRecord(`renderer ${plan.page}`, details));
    setTimeout(() => {
      if (!window.isDestroyed()) void window.loadURL(pageUrl(plan.page));
    }, backoff.crashed());
  });
  void window.loadURL(pageUrl(plan.page));
}

function fail(error: unknown): void {
  console.error(error instanceof ConfigError ? error.message : `终端无法启动 / The terminal could not start: ${String(error)}`);
  app.exit(1);
}
