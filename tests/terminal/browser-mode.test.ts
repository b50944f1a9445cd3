import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserModeServer, type PageHost } from '../../src/terminal/browser-mode.js';
import { startHostChild } from '../../src/terminal/host-child.js';
import { createTerminalHost } from '../../src/terminal/host.js';
import type { TerminalConfig } from '../../src/shared/terminal-config.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { testTerminalConfig } from '../helpers/terminal.js';
import { openTestSocket } from '../helpers/ws-client.js';

const tempDir = useTempDir('onewindow-static-');
const servers: BrowserModeServer[] = [];
const hostProcesses: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await Promise.all(hostProcesses.splice(0).map((host) => host.stop()));
});

/** The same tests with the host in this process and, as `npm start` and the demo run it, in its own. */
const HOSTS: [string, (config: TerminalConfig) => Promise<PageHost>][] = [
  ['a host in this process', async (config) => createTerminalHost({ config, version: '0.0.0-test' })],
  [
    'the host in its own process',
    async (config) => {
      const host = await startHostChild({ config });
      hostProcesses.push(host);
      return host;
    },
  ],
];

describe.each(HOSTS)('browser mode with %s', (_name, makeHost) => {
  async function start(role: 'kiosk' | 'counter' = 'counter') {
    const staticDir = tempDir();
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
    const host = await makeHost(testTerminalConfig(role, 'http://127.0.0.1:9', 'http://127.0.0.1:9'));
    const server = await startBrowserMode({ host, staticDir });
    servers.push(server);
    return server;
  }

  function rpcUrl(server: BrowserModeServer, page: 'counter' | 'customer' | 'kiosk'): string {
    const token = new URL(server.urls[page]!).searchParams.get('token')!;
    return `${server.origin.replace('http', 'ws')}/rpc?token=${token}`;
  }

  it('binds to the loopback and gives each page of the terminal its own URL and token', async () => {
    const server = await start('counter');
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(server.urls).sort()).toEqual(['counter', 'customer']);
    const tokens = Object.values(server.urls).map((url) => new URL(url).searchParams.get('token'));
    expect(new Set(tokens).size).toBe(2);
    expect(tokens.every((token) => token && token.length >= 32)).toBe(true);
  });

  it('serves the pages with a strict content security policy, and assets as immutable', async () => {
    const server = await start();
    const page = await fetch(server.urls.counter!);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const asset = await fetch(`${server.origin}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves nothing outside the renderer folder', async () => {
    const server = await start();
    for (const path of ['/../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/assets/%00', '/nothing']) {
      const reply = await fetch(`${server.origin}${path}`);
      expect(reply.status, path).toBe(404);
    }
    expect((await fetch(server.urls.counter!, { method: 'POST' })).status).toBe(405);
  });

  it('grants the role of the token, not of the page the socket claims to come from', async () => {
    const server = await start();
    const customer = await openTestSocket(rpcUrl(server, 'customer'), server.origin);
    expect(await customer.call('system.hello', {})).toMatchObject({ ok: true, value: { role: 'customer' } });
    expect(await customer.call('display.setCustomerView', { view: { kind: 'paused', windowLabel: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const operator = await openTestSocket(rpcUrl(server, 'counter'), server.origin);
    expect(await operator.call('display.setCustomerView', { view: { kind: 'paused', windowLabel: 'x' } })).toMatchObject({ ok: true });
    customer.close();
    operator.close();
  });

  it('refuses sockets from another origin, without a token, or with a wrong one', async () => {
    const server = await start();
    await expect(openTestSocket(rpcUrl(server, 'counter'), 'http://evil.example')).rejects.toThrow('HTTP 403');
    await expect(openTestSocket(rpcUrl(server, 'counter'), `http://localhost:${new URL(server.origin).port}`)).rejects.toThrow('HTTP 403');
    await expect(openTestSocket(`${server.origin.replace('http', 'ws')}/rpc`, server.origin)).rejects.toThrow('HTTP 401');
    await expect(openTestSocket(`${server.origin.replace('http', 'ws')}/rpc?token=guess`, server.origin)).rejects.toThrow('HTTP 401');
  });

  it('answers text that is not JSON with BAD_REQUEST instead of dropping the socket', async () => {
    const server = await start();
    const socket = await openTestSocket(rpcUrl(server, 'counter'), server.origin);
    // Events such as system.linkStatus may arrive first; the reply is the first message that is not one.
    const reply = new Promise<unknown>((resolve) => {
      const onMessage = (data: unknown) => {
        const message = JSON.parse(String(data)) as { event?: string };
        if (message.event !== undefined) return;
        socket.socket.off('message', onMessage);
        resolve(message);
      };
      socket.socket.on('message', onMessage);
    });
    socket.socket.send('{not json');
    expect(await reply).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await socket.call('system.hello', {})).toMatchObject({ ok: true });
    socket.close();
  });
});
