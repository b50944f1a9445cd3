import { pagesFor, RPC_ROLES, type Page, type RpcRole, type TerminalRole } from '../shared/roles.js';

// The shell restarts a crashed page or host process with it; browser mode (src/terminal) does the same.
export { createCrashBackoff } from '../shared/crash-backoff.js';

/**
 * The Electron shell's security and kiosk rules as pure functions, so they are tested without Electron.
 * index.ts only wires them to Electron's events.
 */
export const APP_SCHEME = 'app';
const APP_HOST = 'onewindow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function pageUrl(page: Page): string {
  return `${APP_ORIGIN}/${page}`;
}

/** Compared by scheme and host: WHATWG URL gives custom schemes an opaque "null" origin outside Electron. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** A page may only move within the app itself; links to anything else are never followed. */
export function navigationAllowed(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** Permission checks: the camera (高拍仪) for the app's own pages, nothing else for anyone. */
export function permissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] = []): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission !== 'media') return false;
  return mediaTypes.every((type) => type === 'video');
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/**
 * Keys a citizen must not use on a kiosk: reload, devtools, zoom, print, close, new window. On a
 * counter only devtools are closed, and reload too, because it would lose the intake in progress.
 */
export function shortcutBlocked(input: KeyInput, terminalRole: TerminalRole): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  const devtools = key === 'f12' || (mod && input.shift && ['i', 'j', 'c'].includes(key)) || (input.meta && input.alt && key === 'i');
  const reload = key === 'f5' || (mod && key === 'r');
  if (devtools || reload) return true;
  if (terminalRole !== 'kiosk') return false;
  const zoom = mod && ['+', '=', '-', '_', '0'].includes(key);
  const other = (mod && ['p', 'w', 'n', 't', 'o', 's', 'f', 'q'].includes(key)) || (input.alt && key === 'f4') || key === 'f11';
  return zoom || other;
}

/** What a crash leaves on the terminal: which process, why, and where in our code. */
export interface CrashRecord {
  at: string;
  process: string;
  reason: string;
  exitCode?: number;
  frames?: string[];
}

/**
 * A crash report that can hold no one's data. Minidumps (Electron's crashReporter) copy process memory —
 * the card just read, a scanned page — so they are never made (lint forbids crashReporter), and an
 * error's message is left out too: messages quote input. What stays is the error's kind and the stack's
 * frames, enough to find the line.
 */
export function crashRecord(processName: string, cause: Error | { reason: string; exitCode?: number }, at: Date = new Date()): CrashRecord {
  if (!(cause instanceof Error))
    return {
      at: at.toISOString(),
      process: processName,
      reason: cause.reason,
      ...(cause.exitCode !== undefined ? { exitCode: cause.exitCode } : {}),
    };
  const frames = (cause.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .map((line) => line.trim());
  return { at: at.toISOString(), process: processName, reason: cause.name, frames };
}

export interface DisplayInfo {
  id: number;
  primary: boolean;
  bounds: { x: number; y: number; width: number; height: number };
}

export interface WindowPlan {
  page: Page;
  role: RpcRole;
  displayId: number;
  bounds: DisplayInfo['bounds'];
  kiosk: boolean;
  /** The customer window never takes focus, so a scanner's keystrokes always reach the clerk's window. */
  focusable: boolean;
}

export interface WindowPlanResult {
  windows: WindowPlan[];
  /** Pages that were not opened, with why: a counter without a second screen has no customer window. */
  skipped: { page: Page; reason: string }[];
}

export function planWindows(terminalRole: TerminalRole, displays: readonly DisplayInfo[]): WindowPlanResult {
  const primary = displays.find((display) => display.primary) ?? displays[0];
  if (!primary) throw new Error('no display is attached');
  const secondary = displays.find((display) => display.id !== primary.id);
  const result: WindowPlanResult = { windows: [], skipped: [] };
  for (const plan of pagesFor(terminalRole)) {
    const display = plan.secondScreen ? secondary : primary;
    if (!display) {
      result.skipped.push({ page: plan.page, reason: '未检测到第二块屏幕 / no second display is attached' });
      continue;
    }
    result.windows.push({
      page: plan.page,
      role: plan.role,
      displayId: display.id,
      bounds: display.bounds,
      kiosk: terminalRole === 'kiosk' || terminalRole === 'board' || plan.secondScreen,
      focusable: !plan.secondScreen,
    });
  }
  return result;
}

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  devTools: false;
  additionalArguments: string[];
}

/** What a window's preload may expose: set by the main process, never by the page. */
export interface BridgeGrant {
  role: RpcRole;
  methods: string[];
  events: string[];
}

const GRANT_ARGUMENT = '--onewindow-grant=';

/** The web preferences of every window: isolated, sandboxed, no Node, one preload and its grant. */
export function secureWebPreferences(preload: string, grant: BridgeGrant): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
    additionalArguments: [GRANT_ARGUMENT + JSON.stringify(grant)],
  };
}

/**
 * The preload reads its grant from its process arguments, where only the main process can put it; it
 * travels this way so that the sandboxed preload carries no schemas. Anything malformed grants nothing.
 */
export function grantFromArgv(argv: readonly string[]): BridgeGrant {
  const none: BridgeGrant = { role: 'customer', methods: [], events: [] };
  const raw = argv.find((arg) => arg.startsWith(GRANT_ARGUMENT))?.slice(GRANT_ARGUMENT.length);
  if (!raw) return none;
  try {
    const grant = JSON.parse(raw) as Partial<BridgeGrant>;
    const names = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
    if (!RPC_ROLES.includes(grant.role as RpcRole) || !names(grant.methods) || !names(grant.events)) return none;
    return grant as BridgeGrant;
  } catch {
    return none;
  }
}

/** The channel on which a window's preload receives its MessagePort to the terminal host. */
export const PORT_CHANNEL = 'onewindow:host-port';

/** A window is given a port to the host only while it shows the app's own page, never another site it was led to. */
export function portGrantAllowed(pageUrl: string): boolean {
  return isAppUrl(pageUrl);
}

export interface MainArgs {
  config: string;
  hallUrl?: string;
  platformUrl?: string;
}

/** `--config FILE [--hall-url URL] [--platform-url URL]`; the URLs override the file (the demo uses them). */
export function parseMainArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): MainArgs {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  return {
    config: value('--config') ?? env.ONEWINDOW_CONFIG ?? 'resources/terminals/kiosk.demo.json',
    hallUrl: value('--hall-url'),
    platformUrl: value('--platform-url'),
  };
}
