import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the proxy does to one request: pass it; drop it before it reaches the platform; let the
 * platform apply it and drop the reply; answer 503 itself; let the platform apply it late, after the
 * client gave up (a timeout); or delay it, so replies overtake each other.
 */
export type Fault = 'pass' | 'drop-request' | 'drop-reply' | 'error-503' | 'timeout' | 'slow';

export interface FaultProxy {
  url: string;
  counts: Record<Fault, number>;
  close(): Promise<void>;
}

/** A deterministic random source, so a failing schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An HTTP proxy in front of the platform that breaks requests as `choose` says. */
export async function startFaultProxy(
  target: string,
  choose: (request: IncomingMessage) => Fault,
  options: { holdMs: number; random: () => number },
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const counts: Record<Fault, number> = { pass: 0, 'drop-request': 0, 'drop-reply': 0, 'error-503': 0, timeout: 0, slow: 0 };
  const open = new Set<IncomingMessage['socket']>();

  function forward(request: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: upstream.host },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fault = choose(request);
    counts[fault] += 1;
    if (fault === 'drop-request') return void request.socket.destroy();
    if (fault === 'error-503') {
      response.writeHead(503, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'proxy says 503' } }));
    }
    if (fault === 'slow') await sleep(options.random() * options.holdMs);
    if (fault === 'timeout') await sleep(options.holdMs * 2);
    const answer = await forward(request, body);
    if (fault === 'drop-reply' || fault === 'timeout') return void request.socket.destroy();
    if (fault === 'slow') await sleep(options.random() * options.holdMs);
    response.writeHead(answer.status, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    response.end(answer.body);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
