import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, safeStorage, screen, session } from 'electron';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfigFile } from '../shared/config-file.js';
import { events, methods } from '../shared/contract.js';
import { eventsForRole, methodsForRole } from '../shared/rpc/define.js';
import { TerminalConfigSchema, type TerminalConfig } from '../shared/terminal-config.js';
import { contentSecurityPolicy } from '../terminal/browser-mode.js';
import { keystoreCaseKey } from '../terminal/cases/case-key.js';
import { keystoreKey } from '../storage/database-key.js';
import { SECRETS_STORE } from '../terminal/terminal-secrets.js';
import { createTerminalHost, type TerminalHost } from '../terminal/host.js';
import { terminalDataDir } from '../terminal/terminal-db.js';
import { readStaticFile } from '../terminal/static-files.js';
import { APP_VERSION } from '../terminal/version.js';
import { ipcTransportFor } from './ipc-transport.js';
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
 * The Electron composition root: the terminal host runs here, in the main process, and each window of
 * the terminal's role talks to it over IPC. Everything this file decides is in policies.ts.
 */
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
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
  app.whenReady().then(start, (error: unknown) => fail(error));
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

function start(): void {
  const config = loadConfig();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const isPage = /^\/(kiosk|counter|customer|board)\/?$/.test(url.pathname);
    const file = await readStaticFile(RENDERER_DIR, isPage ? '/index.html' : url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'content-type': file.contentType, 'content-security-policy': contentSecurityPolicy(APP_ORIGIN) },
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
  const host = createTerminalHost({
    config,
    version: APP_VERSION,
    caseKey: keystoreCaseKey(safeStorage, join(terminalDataDir(config), 'case-store.key.sealed')),
    secretsKey: keystoreKey(safeStorage, join(terminalDataDir(config), 'secrets.key.sealed'), SECRETS_STORE),
  });
  host.start();
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

function openWindow(plan: WindowPlan, config: TerminalConfig, host: TerminalHost, recordCrash: (record: CrashRecord) => void): void {
  // Electronegativity cannot see through secureWebPreferences() (policies.ts: contextIsolation, sandbox,
  // no nodeIntegration, tested in tests/main), nor the web-contents-created handlers above that deny every
  // new window (middle-click included) and navigation away from the app.
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
  host.rpc.connect(ipcTransportFor(ipcMain, contents), plan.role);
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
