import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Events, Methods } from '../../src/shared/contract.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { RpcError } from '../../src/shared/rpc/errors.js';
import type { Transport } from '../../src/shared/rpc/transport.js';
import { startBrowserMode, type BrowserModeServer } from '../../src/terminal/browser-mode.js';
import { startHostChild, type HostChild } from '../../src/terminal/host-child.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { testTerminalConfig } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-host-child-');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskInBrowserMode(): Promise<{ host: HostChild; server: BrowserModeServer; exits: number[] }> {
  const exits: number[] = [];
  const host = await startHostChild({
    config: { ...testTerminalConfig('kiosk', 'http://127.0.0.1:9', 'http://127.0.0.1:9'), dataDir: tempDir() },
    onExit: ({ restartInMs }) => exits.push(restartInMs),
  });
  cleanups.push(() => host.stop());
  const server = await startBrowserMode({ host, staticDir: tempDir() });
  cleanups.push(() => server.close());
  return { host, server, exits };
}

/**
 * A page's RPC client as the renderer keeps it (src/renderer/rpc/connection.ts): one client over a
 * WebSocket that is opened again whenever it closes, failing what was pending.
 */
function reconnectingPage(server: BrowserModeServer) {
  const url = `${server.origin.replace('http', 'ws')}/rpc?token=${new URL(server.urls.kiosk!).searchParams.get('token')}`;
  const listeners = new Set<(message: unknown) => void>();
  let socket: WebSocket;
  let opens = 0;
  let stopped = false;
  const transport: Transport = {
    send: (message) => socket.send(JSON.stringify(message)),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose: () => () => {},
  };
  const client = createRpcClient<Methods, Events>(transport, { timeoutMs: 8000 });
  const open = () => {
    socket = new WebSocket(url, { headers: { origin: server.origin } });
    socket.on('open', () => (opens += 1));
    socket.on('message', (data) => {
      for (const listener of listeners) listener(JSON.parse(String(data)));
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      client.failPending(new RpcError('UNAVAILABLE', 'lost'));
      if (!stopped) setTimeout(open, 100);
    });
  };
  open();
  cleanups.push(async () => {
    stopped = true;
    socket.close();
  });
  return { client, opens: () => opens, isOpen: () => socket.readyState === WebSocket.OPEN };
}

describe('the terminal host in its own process (browser mode)', () => {
  it('serves the pages from a child process, not from the shell', async () => {
    const { host, server } = await kioskInBrowserMode();
    expect(host.process().pid).not.toBe(process.pid);
    const page = reconnectingPage(server);
    await waitFor(page.isOpen, 10_000);
    expect(await page.client.invoke('system.hello', {})).toMatchObject({ role: 'kiosk', terminalId: 'kiosk-t' });
  });

  it('starts a killed host process again, and a page reconnects by itself and calls it', { timeout: 60_000 }, async () => {
    const { host, server, exits } = await kioskInBrowserMode();
    const page = reconnectingPage(server);
    await waitFor(page.isOpen, 10_000);
    await page.client.invoke('system.hello', {});
    const killed = host.process();

    killed.kill('SIGKILL');
    await waitFor(() => host.restarts() === 1, 30_000);
    // The first restart waits at most a second, jittered so that many terminals do not restart in step.
    expect(exits).toHaveLength(1);
    expect(exits[0]).toBeGreaterThanOrEqual(0);
    expect(exits[0]).toBeLessThanOrEqual(1000);
    expect(host.process().pid).not.toBe(killed.pid);
    await waitFor(() => page.opens() >= 2 && page.isOpen(), 10_000);
    expect(await page.client.invoke('system.hello', {})).toMatchObject({ role: 'kiosk' });
  });

  it('refuses to start with the reason the host gave when it cannot start', async () => {
    const config = { ...testTerminalConfig('kiosk', 'http://127.0.0.1:9', 'http://127.0.0.1:9'), dataDir: '/dev/null/terminal' };
    await expect(startHostChild({ config })).rejects.toThrow(/\/dev\/null\/terminal/);
  });
});
