import { describe, expect, it } from 'vitest';
import {
  createCrashBackoff,
  crashRecord,
  grantFromArgv,
  navigationAllowed,
  parseMainArgs,
  permissionAllowed,
  portGrantAllowed,
  planWindows,
  secureWebPreferences,
  shortcutBlocked,
  type KeyInput,
} from '../../src/main/policies.js';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

const primary = { id: 1, primary: true, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
const second = { id: 2, primary: false, bounds: { x: 1920, y: 0, width: 1280, height: 800 } };

describe('Electron shell policies', () => {
  it('lets pages navigate only within the app', () => {
    expect(navigationAllowed('app://onewindow/kiosk')).toBe(true);
    expect(navigationAllowed('https://example.com/')).toBe(false);
    expect(navigationAllowed('file:///etc/passwd')).toBe(false);
    expect(navigationAllowed('app://other/kiosk')).toBe(false);
    expect(navigationAllowed('not a url')).toBe(false);
  });

  it('grants only the camera, only to the app', () => {
    expect(permissionAllowed('media', 'app://onewindow/counter', ['video'])).toBe(true);
    expect(permissionAllowed('media', 'app://onewindow/counter', ['video', 'audio'])).toBe(false);
    expect(permissionAllowed('media', 'https://evil.example/', ['video'])).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(permissionAllowed(permission, 'app://onewindow/kiosk')).toBe(false);
    }
  });

  it('blocks reload, devtools, zoom and window keys on a kiosk', () => {
    const blocked = [
      key('F5'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('+', { control: true }),
      key('-', { control: true }),
      key('0', { control: true }),
      key('p', { control: true }),
      key('w', { control: true }),
      key('F4', { alt: true }),
      key('F11'),
    ];
    for (const input of blocked) expect(shortcutBlocked(input, 'kiosk'), JSON.stringify(input)).toBe(true);
    for (const input of [key('a'), key('1'), key('Enter'), key('Backspace')]) expect(shortcutBlocked(input, 'kiosk')).toBe(false);
    expect(shortcutBlocked({ ...key('F5'), type: 'keyUp' }, 'kiosk')).toBe(false);
  });

  it('on a counter blocks only devtools and reload, leaving the clerk’s shortcuts alone', () => {
    expect(shortcutBlocked(key('F12'), 'counter')).toBe(true);
    expect(shortcutBlocked(key('r', { control: true }), 'counter')).toBe(true);
    expect(shortcutBlocked(key('p', { control: true }), 'counter')).toBe(false);
    expect(shortcutBlocked(key('+', { control: true }), 'counter')).toBe(false);
  });

  it('backs off crash reloads up to a minute, and forgives after a quiet spell', () => {
    let now = 0;
    // The random draw at its top: each delay is its ceiling.
    const backoff = createCrashBackoff(
      () => now,
      () => 1,
    );
    const delays = Array.from({ length: 9 }, () => {
      now += 1000;
      return backoff.crashed();
    });
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    now += 11 * 60_000;
    expect(backoff.crashed()).toBe(1000);
  });

  it('puts the customer window on the second screen, unfocusable, and skips it when there is none', () => {
    const counter = planWindows('counter', [primary, second]);
    expect(counter.windows).toEqual([
      expect.objectContaining({ page: 'counter', role: 'operator', displayId: 1, focusable: true, kiosk: false }),
      expect.objectContaining({ page: 'customer', role: 'customer', displayId: 2, focusable: false, kiosk: true }),
    ]);
    const alone = planWindows('counter', [primary]);
    expect(alone.windows.map((window) => window.page)).toEqual(['counter']);
    expect(alone.skipped).toEqual([{ page: 'customer', reason: expect.stringContaining('second display') }]);
    expect(planWindows('kiosk', [second, primary]).windows).toEqual([
      expect.objectContaining({ page: 'kiosk', displayId: 1, kiosk: true }),
    ]);
    expect(() => planWindows('kiosk', [])).toThrow();
  });

  it('gives every window isolated, sandboxed preferences without Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', { role: 'kiosk', methods: ['queue.list'], events: [] });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(grantFromArgv(['electron', ...prefs.additionalArguments])).toEqual({ role: 'kiosk', methods: ['queue.list'], events: [] });
  });

  it('grants nothing to a preload whose grant is missing or malformed', () => {
    const none = { role: 'customer', methods: [], events: [] };
    expect(grantFromArgv([])).toEqual(none);
    expect(grantFromArgv(['--onewindow-grant={bad'])).toEqual(none);
    expect(grantFromArgv(['--onewindow-grant={"role":"root","methods":[],"events":[]}'])).toEqual(none);
    expect(grantFromArgv(['--onewindow-grant={"role":"kiosk","methods":[1],"events":[]}'])).toEqual(none);
  });

  it('gives a window a port to the host only while it shows the app', () => {
    expect(portGrantAllowed('app://onewindow/kiosk')).toBe(true);
    expect(portGrantAllowed('https://evil.example/')).toBe(false);
    expect(portGrantAllowed('app://user:pass@onewindow/kiosk')).toBe(false);
    expect(portGrantAllowed('')).toBe(false);
  });

  it('reads the config path and URL overrides from the command line', () => {
    expect(parseMainArgs(['electron', '.', '--config', 'a.json', '--hall-url', 'http://h'], {})).toEqual({
      config: 'a.json',
      hallUrl: 'http://h',
      platformUrl: undefined,
    });
    expect(parseMainArgs([], { ONEWINDOW_CONFIG: 'b.json' }).config).toBe('b.json');
  });
});

describe('crash records', () => {
  it('keep the kind of error and where it happened, never its message', () => {
    const error = new TypeError('cannot read 11010519491231002X of 张三');
    const record = crashRecord('main', error, new Date('2026-11-28T01:00:00Z'));
    expect(record).toMatchObject({ at: '2026-11-28T01:00:00.000Z', process: 'main', reason: 'TypeError' });
    expect(record.frames!.length).toBeGreaterThan(0);
    expect(record.frames!.every((frame) => frame.startsWith('at '))).toBe(true);
    expect(JSON.stringify(record)).not.toMatch(/11010519491231002X|张三/);
  });

  it('say why a page or helper process went, with its exit code', () => {
    expect(crashRecord('renderer kiosk', { reason: 'oom', exitCode: 9 }, new Date(0))).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      process: 'renderer kiosk',
      reason: 'oom',
      exitCode: 9,
    });
  });
});
