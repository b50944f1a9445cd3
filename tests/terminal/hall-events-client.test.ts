import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { followHallEvents } from '../../src/terminal/hall-events-client.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
});

/** Waits on real I/O while timers are faked: nothing here waits on a timer the client set. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 100_000) throw new Error('the condition did not hold');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function hallStream() {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const connections: WebSocket[] = [];
  server.on('connection', (socket) => connections.push(socket));
  cleanups.push(() => server.close());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections };
}

/** The backoff's random draw is fixed at the middle, so a test knows the delay's ceiling holds it. */
function follow(url: string) {
  const links: boolean[] = [];
  const follower = followHallEvents(
    url,
    () => undefined,
    { event: () => undefined, resync: () => undefined, connected: (live) => links.push(live) },
    { random: () => 0.5 },
  );
  follower.start();
  cleanups.push(() => follower.stop());
  return Object.assign(links, { follower });
}

describe('following the hall’s events', () => {
  it.each([
    [1012, 'service restart'],
    [1001, 'going away'],
  ])('reconnects at once when the hall closes the stream with %i (%s)', async (code) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hall = await hallStream();
    const links = follow(hall.url);
    await until(() => hall.connections.length === 1);
    hall.connections[0]!.close(code, 'hall server restarting');
    await until(() => links.length === 3);
    expect(hall.connections).toHaveLength(2);
    expect([...links]).toEqual([true, false, true]);
  });

  it('paces a hall that announces restart after restart, instead of spinning on it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hall = await hallStream();
    const links = follow(hall.url);
    await until(() => hall.connections.length === 1);
    hall.connections[0]!.close(1012, 'hall server restarting');
    await until(() => links.length === 3);
    hall.connections[1]!.close(1012, 'hall server restarting');
    await until(() => links.length === 4);
    for (let turn = 0; turn < 1000; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(hall.connections).toHaveLength(2);
    vi.advanceTimersByTime(200);
    await until(() => hall.connections.length === 3);
  });

  it('after a drop without notice, waits before it tries again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hall = await hallStream();
    const links = follow(hall.url);
    await until(() => hall.connections.length === 1);
    hall.connections[0]!.terminate();
    await until(() => links.length === 2);
    for (let turn = 0; turn < 1000; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(hall.connections).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    await until(() => hall.connections.length === 2);
  });
});

describe('following the hall’s events after a crash', () => {
  it('takes the stream up again as soon as the hall answers, without waiting out the back-off', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const hall = await hallStream();
    const links = follow(hall.url);
    await until(() => hall.connections.length === 1);
    hall.connections[0]!.terminate();
    await until(() => links.length === 2);
    links.follower.reconnectNow();
    await until(() => hall.connections.length === 2);
    links.follower.reconnectNow();
    await until(() => links.length === 3);
    expect(hall.connections).toHaveLength(2);
  });
});

describe('following the hall’s events through a garbled frame', () => {
  it('drops a stream that sends a frame which is not JSON and resumes after the last event it saw', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    cleanups.push(() => server.close());
    const urls: string[] = [];
    const connections: WebSocket[] = [];
    server.on('connection', (socket, request) => {
      urls.push(request.url ?? '');
      connections.push(socket);
    });
    const seen: number[] = [];
    const follower = followHallEvents(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      () => undefined,
      { event: (event) => seen.push(event.seq), resync: () => undefined, connected: () => undefined },
      { random: () => 0.5 },
    );
    follower.start();
    cleanups.push(() => follower.stop());
    await until(() => connections.length === 1);
    connections[0]!.send(JSON.stringify({ kind: 'resync', seq: 7 }));
    connections[0]!.send('{"kind":"event","event":{"seq":8');
    await until(() => connections[0]!.readyState === connections[0]!.CLOSED);
    vi.advanceTimersByTime(5000);
    await until(() => connections.length === 2);
    expect(urls[1]).toContain('after=7');
    expect(seen).toEqual([]);
  });
});
