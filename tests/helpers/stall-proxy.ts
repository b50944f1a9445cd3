import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface StallProxy {
  /** `http://127.0.0.1:PORT`: point a terminal here instead of at the server. */
  url: string;
  /** From now on nothing passes either way, not even a close, and no connection is refused: the path goes silent. */
  stall(): void;
  /** Everything held passes, in order, and the path forwards again. */
  resume(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy that can go silent without closing anything, as a power cut or a router that lost its NAT
 * state does between a hall and its board: bytes, ends and resets alike are held while it stalls.
 */
export async function startStallProxy(targetUrl: string): Promise<StallProxy> {
  const target = new URL(targetUrl);
  let stalled = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const relay = (action: () => void) => (stalled ? held.push(action) : action());
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => relay(() => upstream.write(chunk)));
    upstream.on('data', (chunk) => relay(() => client.write(chunk)));
    client.on('close', () => relay(() => upstream.destroy()));
    upstream.on('close', () => relay(() => client.destroy()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const action of held.splice(0)) action();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
