import type { FastifyInstance } from 'fastify';
import type { Access } from './access.js';
import { WebSocketServer, type WebSocket } from 'ws';
import { HALL_EVENTS_PATH, SERVICE_RESTART_CLOSE_CODE, type HallStreamMessage } from '../shared/hall-api.js';
import type { RateLimiter } from '../http-server/rate-limit.js';
import type { EventLog } from './event-log.js';

const REVOCATION_CHECK_MS = 2000;
/** Close code for a listener whose token no longer opens the hall (4000–4999 are the application's). */
const REVOKED_CLOSE_CODE = 4401;
/** How long a listener has to answer the closing handshake when the hall stops, before its socket is cut. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * The hall's event stream over WebSocket. A client connects with `?after=SEQ`: it first gets every
 * event after SEQ from the log, then the live ones, in order and each once. A SEQ the log cannot
 * continue from (ahead of it) gets a `resync`, and the client takes a fresh snapshot.
 */
export function serveEventStream(app: FastifyInstance, events: EventLog, access: Access, limiter: RateLimiter): void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const following = new WeakMap<WebSocket, Parameters<Access['identify']>[0]>();
  // A terminal revoked while it listens stops hearing the hall within this time, not at its next reconnect.
  const recheck = setInterval(() => {
    for (const client of sockets.clients) {
      const credentials = following.get(client);
      try {
        if (credentials) access.identify(credentials, undefined);
      } catch {
        client.close(REVOKED_CLOSE_CODE, 'terminal revoked');
      }
    }
  }, REVOCATION_CHECK_MS).unref();
  const send = (socket: WebSocket, message: HallStreamMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  let stopping = false;
  app.server.on('upgrade', limiter.limitUpgrades((request, socket, head) => {
    if (stopping) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://hall');
    if (url.pathname !== HALL_EVENTS_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const credentials = { headers: request.headers, url: request.url ?? '/' };
    try {
      access.identify(credentials, undefined);
    } catch {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const after = Number(url.searchParams.get('after') ?? '0');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      following.set(ws, credentials);
      let sent = Number.isInteger(after) && after >= 0 ? after : 0;
      if (sent > events.lastSeq()) {
        send(ws, { kind: 'resync', seq: events.lastSeq() });
        sent = events.lastSeq();
      }
      // Subscribe before replaying, and skip what the replay already sent: nothing falls in between.
      const unsubscribe = events.subscribe((event) => {
        if (event.seq <= sent) return;
        sent = event.seq;
        send(ws, { kind: 'event', event });
      });
      for (let batch = events.after(sent); batch.length; batch = events.after(sent)) {
        for (const event of batch) {
          sent = event.seq;
          send(ws, { kind: 'event', event });
        }
      }
      ws.on('close', unsubscribe);
      ws.on('error', () => undefined);
    });
  }));
  // preClose, not onClose: Fastify closes its HTTP server before the onClose hooks, and that close waits for
  // every upgraded socket, so a listener still open then would keep the stopping hall alive for ever.
  app.addHook('preClose', async () => {
    stopping = true;
    clearInterval(recheck);
    const closed = [...sockets.clients].map((client) => new Promise((done) => client.once('close', done)));
    // "Service restart": the terminals reconnect at once and find the hall started in this one's place.
    for (const client of sockets.clients) client.close(SERVICE_RESTART_CLOSE_CODE, 'hall server restarting');
    const cut = setTimeout(() => {
      for (const client of sockets.clients) client.terminate();
    }, CLOSE_HANDSHAKE_MS);
    await Promise.all(closed);
    clearTimeout(cut);
    await new Promise((done) => sockets.close(done));
  });
}
