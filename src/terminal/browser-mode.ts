import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import { PAGES, pagesFor, type Page, type RpcRole } from '../shared/roles.js';
import type { Transport } from '../shared/rpc/transport.js';
import type { TerminalConfig } from '../shared/terminal-config.js';
import { servePage } from '../http-server/page-server.js';
import { webSocketTransport } from './ws-transport.js';

/** What serves the pages' connections: the host process behind its shell (host-child.ts), or a host in this process (unit tests). */
export interface PageHost {
  readonly config: TerminalConfig;
  readonly rpc: { connect(transport: Transport, role: RpcRole): { close(): void } };
}

export interface BrowserModeOptions {
  host: PageHost;
  /** The built renderer (vite build → dist/renderer). */
  staticDir: string;
  port?: number;
}

export interface BrowserModeServer {
  origin: string;
  /** One URL per page this terminal serves, each carrying the token that grants that page's role. */
  urls: Partial<Record<Page, string>>;
  close(): Promise<void>;
}

export const RPC_PATH = '/rpc';
const GOING_AWAY_CLOSE_CODE = 1001;

/**
 * Browser mode: the same terminal host served to Chromium instead of Electron windows; this server is its
 * shell, as Electron's main process is in the product, and the host runs in its own process. It binds to the
 * loopback only; each page gets its own random token per start, and the token — not the page's route —
 * decides the connection's role, so a customer page cannot raise itself to operator. A WebSocket from
 * any other origin is refused, so a web page open elsewhere on the machine cannot drive the terminal.
 */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const staticDir = resolve(options.staticDir);
  const plans = pagesFor(options.host.config.role);
  const tokens = new Map<string, RpcRole>();
  const pageTokens = new Map<Page, string>();
  for (const plan of plans) {
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, plan.role);
    pageTokens.set(plan.page, token);
  }

  let origin = '';
  const server = createServer((request, response) => {
    void serveHttp(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = await servePage(staticDir, PAGES, request.method ?? 'GET', new URL(request.url ?? '/', origin).pathname, origin);
    response.writeHead(reply.status, reply.headers).end(reply.body);
  }

  // A captured material (cases.putMaterial) may be up to 15 MB, 20 MB as base64.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 24 * 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const role = tokens.get(url.searchParams.get('token') ?? '');
    const refusal =
      url.pathname !== RPC_PATH
        ? '404 Not Found'
        : request.headers.origin !== origin
          ? '403 Forbidden'
          : role === undefined
            ? '401 Unauthorized'
            : null;
    if (refusal || role === undefined) {
      socket.end(`HTTP/1.1 ${refusal}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      options.host.rpc.connect(webSocketTransport(ws), role);
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function urlFor(page: Page): string {
    return `${origin}/${page}?token=${pageTokens.get(page)}`;
  }

  return {
    origin,
    urls: Object.fromEntries(plans.map((plan) => [plan.page, urlFor(plan.page)])),
    async close() {
      // "Going away" first, so a page knows the host stopped rather than the network failing; then cut.
      for (const client of sockets.clients) client.close(GOING_AWAY_CLOSE_CODE, 'terminal host stopping');
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
