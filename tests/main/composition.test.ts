import { EventEmitter } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PORT_CHANNEL } from '../../src/main/policies.js';
import { useTempDir } from '../helpers/temp-dir.js';
import type { TerminalConfig } from '../../src/shared/terminal-config.js';
import { testTerminalConfig } from '../helpers/terminal.js';
import { keystoreKey } from '../../src/storage/database-key.js';
import { createSealer } from '../../src/storage/sealer.js';
import { openDatabase } from '../../src/storage/sqlite.js';
import { createHallCredentials } from '../../src/terminal/hall-credentials.js';
import { TERMINAL_MIGRATIONS } from '../../src/terminal/terminal-db.js';
import { SECRETS_STORE, terminalSealer } from '../../src/terminal/terminal-secrets.js';

/**
 * The composition root (src/main/index.ts) against a stand-in for the electron module: it checks that
 * the policies are really wired to Electron's events, which the policy tests alone cannot show.
 */
const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  type FakeContents = InstanceType<typeof Emitter> & {
    id: number;
    isDestroyed(): boolean;
    getURL(): string;
    postMessage(channel: string, message: unknown, ports: FakePort[]): void;
  };
  /** A MessagePortMain: what one end posts, the other end's 'message' listeners get, cloned and later. */
  class FakePort extends Emitter {
    other?: FakePort;
    postMessage(data: unknown) {
      const copy = structuredClone(data);
      setImmediate(() => this.other?.emit('message', { data: copy }));
    }
    start() {}
    close() {
      this.emit('close');
      this.other?.emit('close');
    }
  }
  const state = {
    windows: [] as { options: Record<string, unknown>; url?: string; webContents: FakeContents }[],
    /** Each host process the shell forked, newest last. */
    hosts: [] as InstanceType<typeof Emitter>[],
    /** The ports the shell posted to the windows' preloads. */
    ports: [] as { contents: FakeContents; channel: string; port: FakePort }[],
    appListeners: new Map<string, (...args: unknown[]) => void>(),
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
    permissionRequest: undefined as undefined | ((...args: unknown[]) => void),
    displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
    nextId: 1,
  };
  /**
   * utilityProcess.fork runs the real host process's code (src/terminal/host-process.ts) in this process,
   * linked to the shell by emitters instead of a parentPort.
   */
  function forkHost() {
    const child = Object.assign(new Emitter(), {
      postMessage(message: unknown, ports: FakePort[] = []) {
        const copy = structuredClone(message);
        setImmediate(() => child.emit('to-host', copy, ports[0]));
      },
      kill: () => true,
    });
    state.hosts.push(child);
    void import('../../src/terminal/host-process.js').then(({ runHostProcess }) =>
      runHostProcess({
        send: (message) => setImmediate(() => child.emit('message', structuredClone(message))),
        onMessage: (listener) => child.on('to-host', listener),
        exit: (code) => setImmediate(() => child.emit('exit', code)),
      }),
    );
    return child;
  }
  class BrowserWindow {
    webContents: FakeContents;
    url?: string;
    constructor(readonly options: Record<string, unknown>) {
      const contents: FakeContents = Object.assign(new Emitter(), {
        id: state.nextId++,
        isDestroyed: () => false,
        getURL: () => this.url ?? '',
        postMessage: (channel: string, _message: unknown, ports: FakePort[]) =>
          void state.ports.push({ contents, channel, port: ports[0]! }),
      });
      this.webContents = contents;
      state.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
  }
  const electron = {
    app: {
      requestSingleInstanceLock: () => true,
      on: (name: string, listener: (...args: unknown[]) => void) => state.appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      quit: () => {},
      exit: (code: number) => {
        throw new Error(`app.exit(${code})`);
      },
    },
    BrowserWindow,
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
      constructor() {
        this.port1.other = this.port2;
        this.port2.other = this.port1;
      }
    },
    utilityProcess: { fork: forkHost },
    Menu: { setApplicationMenu: () => {} },
    powerSaveBlocker: { start: () => 1 },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().slice('sealed:'.length), 'base64').toString(),
    },
    protocol: {
      registerSchemesAsPrivileged: () => {},
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => (state.protocolHandler = handler),
    },
    screen: { getAllDisplays: () => state.displays, getPrimaryDisplay: () => state.displays[0] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (state.permissionRequest = handler),
        setPermissionCheckHandler: () => {},
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const tempDir = useTempDir('onewindow-main-');

async function boot(role: 'kiosk' | 'counter'): Promise<TerminalConfig> {
  vi.resetModules();
  fake.state.windows.length = 0;
  fake.state.ports.length = 0;
  const file = join(tempDir(), `${role}.json`);
  const config = testTerminalConfig(role, 'http://127.0.0.1:9', 'http://127.0.0.1:9');
  writeFileSync(file, JSON.stringify(config));
  process.env.ONEWINDOW_CONFIG = file;
  await import('../../src/main/index.js');
  // The windows open once the host process said it is ready: the first start loads the host's modules.
  await vi.waitFor(() => expect(fake.state.windows.length).toBeGreaterThan(0), { timeout: 15_000 });
  return config;
}

beforeEach(() => {
  fake.state.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }];
});

describe('Electron composition root', () => {
  it('opens the kiosk full screen with secure preferences and the app page', async () => {
    await boot('kiosk');
    const [window] = fake.state.windows;
    expect(window!.url).toBe('app://onewindow/kiosk');
    expect(window!.options).toMatchObject({ kiosk: true, focusable: true });
    expect(window!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(String((window!.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
  });

  it('blocks kiosk shortcuts and serves RPC over the window’s MessagePort with the window’s role', async () => {
    await boot('kiosk');
    const contents = fake.state.windows[0]!.webContents;
    const event = { preventDefault: vi.fn() };
    contents.emit('before-input-event', event, { type: 'keyDown', key: 'F5', control: false, meta: false, alt: false, shift: false });
    expect(event.preventDefault).toHaveBeenCalled();

    contents.emit('dom-ready');
    const [given] = fake.state.ports;
    expect(given).toMatchObject({ contents, channel: PORT_CHANNEL });
    const sent: unknown[] = [];
    given!.port.on('message', (event: { data: unknown }) => sent.push(event.data));
    given!.port.postMessage({ id: 1, method: 'system.hello', input: {} });
    await vi.waitFor(() => expect(sent).toContainEqual(expect.objectContaining({ id: 1, ok: true })));
    expect(sent).toContainEqual(expect.objectContaining({ value: expect.objectContaining({ role: 'kiosk' }) }));
  });

  it('records a host process that died, starts it again and gives every window a new port to it', { timeout: 60_000 }, async () => {
    const config = await boot('counter');
    const forks = fake.state.hosts.length;
    fake.state.hosts.at(-1)!.emit('exit', 9);
    await vi.waitFor(() => expect(fake.state.ports).toHaveLength(1), { timeout: 30_000 });
    expect(fake.state.hosts).toHaveLength(forks + 1);
    const crashes = readFileSync(join(config.dataDir!, 'crashes.jsonl'), 'utf8');
    expect(JSON.parse(crashes.trim().split('\n').at(-1)!)).toMatchObject({ process: 'terminal host', reason: 'exited', exitCode: 9 });

    const [given] = fake.state.ports;
    const sent: unknown[] = [];
    given!.port.on('message', (event: { data: unknown }) => sent.push(event.data));
    given!.port.postMessage({ id: 1, method: 'system.hello', input: {} });
    await vi.waitFor(
      () => expect(sent).toContainEqual(expect.objectContaining({ id: 1, ok: true, value: expect.objectContaining({ role: 'operator' }) })),
      { timeout: 10_000 },
    );
  });

  it('denies navigation away, new windows and permissions other than the camera', async () => {
    await boot('kiosk');
    const created = fake.state.appListeners.get('web-contents-created')!;
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    created({}, contents);
    const navigate = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.preventDefault).toHaveBeenCalled();
    const stay = { preventDefault: vi.fn() };
    contents.emit('will-navigate', stay, 'app://onewindow/kiosk');
    expect(stay.preventDefault).not.toHaveBeenCalled();
    expect(contents.setWindowOpenHandler.mock.calls[0]![0]()).toEqual({ action: 'deny' });

    const answers: boolean[] = [];
    const requester = { getURL: () => 'app://onewindow/kiosk' };
    fake.state.permissionRequest!(requester, 'geolocation', (allowed: boolean) => answers.push(allowed), {});
    fake.state.permissionRequest!(requester, 'media', (allowed: boolean) => answers.push(allowed), { mediaTypes: ['video'] });
    expect(answers).toEqual([false, true]);
  });

  it('serves the renderer through the app protocol with the content security policy', async () => {
    await boot('kiosk');
    const page = await fake.state.protocolHandler!(new Request('app://onewindow/kiosk'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fake.state.protocolHandler!(new Request('app://onewindow/../../package.json'))).status).toBe(404);
  });

  it('puts the customer window on the second screen of a counter, never focusable', async () => {
    fake.state.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1280, height: 800 } },
    ];
    await boot('counter');
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(2));
    const [operator, customer] = fake.state.windows;
    expect(operator!.url).toBe('app://onewindow/counter');
    expect(customer!.url).toBe('app://onewindow/customer');
    expect(customer!.options).toMatchObject({ focusable: false, x: 1920 });
  });

  it('keeps the counter’s case store key sealed by the OS keystore, never in clear on disk', async () => {
    const config = await boot('counter');
    const sealed = readFileSync(join(config.dataDir!, 'case-store.key.sealed'));
    const key = fake.electron.safeStorage.decryptString(sealed);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(sealed.toString()).not.toContain(key);
  });

  it('seals the hall token under a key the OS keystore keeps, and seals again a token enrolled from the command line', async () => {
    const file = join(tempDir(), 'kiosk.json');
    const dataDir = join(tempDir(), 'kiosk');
    const config = { ...testTerminalConfig('kiosk', 'http://127.0.0.1:9', 'http://127.0.0.1:9'), dataDir };
    const cli = openDatabase(join(dataDir, 'terminal.db'), TERMINAL_MIGRATIONS);
    createHallCredentials(cli, undefined, terminalSealer(dataDir)).save('token-enrolled-with-terminal-enrol');
    cli.close();
    writeFileSync(file, JSON.stringify(config));
    vi.resetModules();
    fake.state.windows.length = 0;
    process.env.ONEWINDOW_CONFIG = file;
    await import('../../src/main/index.js');
    await vi.waitFor(() => expect(fake.state.windows.length).toBeGreaterThan(0), { timeout: 15_000 });

    const sealedKey = readFileSync(join(dataDir, 'secrets.key.sealed'));
    const key = Buffer.from(fake.electron.safeStorage.decryptString(sealedKey), 'hex');
    const db = openDatabase(join(dataDir, 'terminal.db'), TERMINAL_MIGRATIONS);
    const stored = (db.prepare("SELECT value FROM credentials WHERE name = 'hall.token'").get() as { value: string }).value;
    db.close();
    expect(createSealer(key).unseal(stored, 'token')).toBe('token-enrolled-with-terminal-enrol');
    expect(stored).not.toContain('token-enrolled');

    const noKeystore = { ...fake.electron.safeStorage, isEncryptionAvailable: () => false };
    expect(() => terminalSealer(dataDir, keystoreKey(noKeystore, join(dataDir, 'secrets.key.sealed'), SECRETS_STORE))).toThrow(
      /OS keystore is not available/,
    );
  });
});
