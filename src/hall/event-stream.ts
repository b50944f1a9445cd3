import type { FastifyInstance } from 'fastify';
import type { Access, Caller } from './access.js';
import { ApiError } from '../shared/errors.js';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HALL_EVENTS_PATH, SERVICE_RESTART_CLOSE_CODE, type HallStreamMessage } from '../shared/hall-api.js';
import type { HallEvent } from '../shared/hall-events.js';
import { endWithError } from '../http-server/error-handling.js';
import type { RateLimiter } from '../http-server/rate-limit.js';
import type { EventLog } from './event-log.js';
import { visibleTo } from './event-visibility.js';

const REVOCATION_CHECK_MS = 2000;
/** Close code for a listener whose token no longer opens the hall (4000–4999 are the application's). */
const REVOKED_CLOSE_CODE = 4401;
/** How long a listener has to answer the closing handshake when the hall stops, before its socket is cut. */
const CLOSE_HANDSHAKE_MS = 1000;
/** A client further behind than this takes a snapshot instead: a day's history is never replayed. */
export const MAX_CATCH_UP_EVENTS = 1000;
/** Events read and sent per turn of the event loop while a client catches up, so the hall keeps answering meanwhile. */
const CATCH_UP_CHUNK = 100;
/** How long a listener's frames are gathered before they are written together. */
const FLUSH_MS = 10;
/** Heartbeats a listener may leave unanswered (its pongs) before the hall cuts it. */
const MISSED_HEARTBEATS = 2;

export interface EventStreamOptions {
  heartbeatMs: number;
}

/**
 * The hall's event stream over WebSocket. A client with no position (`after` missing or 0) gets `resync`:
 * it takes a snapshot and follows from there, it is never sent the history. A client that resumes with
 * `?after=SEQ` gets what it missed, in chunks, marked `live: false` (it changes state, it starts nothing),
 * then the live events, in order and each once; one ahead of the log or too far behind gets `resync`.
 * Each event is filtered for the role of the terminal listening (`event-visibility.ts`). Every
 * `heartbeatMs` the hall sends a heartbeat message and a WebSocket ping: the terminal knows a silent
 * stream from a quiet hall, and the hall cuts a listener whose pongs stopped.
 */
export function serveEventStream(
  app: FastifyInstance,
  events: EventLog,
  access: Access,
  limiter: RateLimiter,
  options: EventStreamOptions,
): { listening(): ReadonlySet<string> } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const following = new WeakMap<WebSocket, Parameters<Access['identify']>[0]>();
  const unanswered = new WeakMap<WebSocket, number>();
  /** Who listens, for the console: the terminal of each open stream. */
  const listeners = new Map<WebSocket, string>();
  // A terminal revoked while it listens stops hearing the hall within this time, not at its next reconnect.
  const recheck = setInterval(() => {
    for (const client of sockets.clients) {
      const credentials = following.get(client);
      if (!credentials) continue;
      access.identify(credentials, undefined).catch((refusal: unknown) => {
        // A database failing over says nothing of the terminal: only a refusal of its token ends the stream.
        if (refusal instanceof ApiError && refusal.code === 'UNAUTHORIZED') client.close(REVOKED_CLOSE_CODE, 'terminal revoked');
      });
    }
  }, REVOCATION_CHECK_MS).unref();
  const send = (socket: WebSocket, message: HallStreamMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  /**
   * Each event encoded once per role and liveness, for every listener of that role: a hall with 200
   * boards makes one frame of a call, not 200 (the event object is the log's, the same for every listener).
   */
  const frames = new WeakMap<HallEvent, Map<string, Buffer | null>>();
  const frameOf = (role: Caller['role'], event: HallEvent, live: boolean): Buffer | null => {
    let byRole = frames.get(event);
    if (!byRole) frames.set(event, (byRole = new Map()));
    const key = `${role}:${live}`;
    let frame = byRole.get(key);
    if (frame === undefined) {
      const visible = visibleTo(role, event);
      frame = visible && Buffer.from(JSON.stringify({ kind: 'event', event: visible, live } satisfies HallStreamMessage));
      byRole.set(key, frame);
    }
    return frame;
  };
  /**
   * A listener's frames of one short window leave in one write: with 200 listeners and hundreds of events
   * a second, a write per frame per listener (a system call each) would be most of the hall's work. A
   * board shows a call this much later, well under a screen's refresh.
   */
  const corked = new Set<Duplex>();
  let flushing: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    flushing = null;
    for (const raw of corked) raw.uncork();
    corked.clear();
  };
  const deliver = (socket: WebSocket, raw: Duplex, frame: Buffer) => {
    if (socket.readyState !== socket.OPEN) return;
    if (!corked.has(raw)) {
      raw.cork();
      corked.add(raw);
    }
    socket.send(frame, { binary: false });
    flushing ??= setTimeout(flush, FLUSH_MS);
  };
  const heartbeat = setInterval(() => {
    for (const client of sockets.clients) {
      const missed = unanswered.get(client) ?? 0;
      if (missed >= MISSED_HEARTBEATS) {
        client.terminate();
        continue;
      }
      unanswered.set(client, missed + 1);
      client.ping();
      send(client, { kind: 'heartbeat', everyMs: options.heartbeatMs });
    }
  }, options.heartbeatMs).unref();

  let stopping = false;
  app.server.on(
    'upgrade',
    limiter.limitUpgrades(async (request, socket, head) => {
      if (stopping) {
        endWithError(socket, 'RESTARTING', '大厅服务器正在重启，请稍后重连 / the hall server is restarting: reconnect shortly');
        return;
      }
      const url = new URL(request.url ?? '/', 'http://hall');
      if (url.pathname !== HALL_EVENTS_PATH) {
        endWithError(
          socket,
          'NOT_FOUND',
          `没有这个接口，事件流在 ${HALL_EVENTS_PATH} / no such endpoint: the event stream is at ${HALL_EVENTS_PATH}`,
        );
        return;
      }
      const credentials = { headers: request.headers, url: request.url ?? '/' };
      let caller: Caller;
      try {
        caller = await access.identify(credentials, undefined);
      } catch (refusal) {
        const code = refusal instanceof ApiError ? refusal.code : 'UNAVAILABLE';
        endWithError(socket, code, (refusal as Error).message);
        return;
      }
      const after = Number(url.searchParams.get('after') ?? '0');
      sockets.handleUpgrade(request, socket, head, (ws) => {
        following.set(ws, credentials);
        listeners.set(ws, caller.terminalId);
        ws.on('close', () => listeners.delete(ws));
        ws.on('pong', () => unanswered.set(ws, 0));
        ws.on('error', () => undefined);
        const openedAt = events.publishedSeq();
        const forward = (event: HallEvent) => {
          const frame = frameOf(caller.role, event, event.seq > openedAt);
          if (frame) deliver(ws, socket, frame);
        };
        const resumable = Number.isInteger(after) && after > 0 && after <= openedAt && openedAt - after <= MAX_CATCH_UP_EVENTS;
        let sent = resumable ? after : openedAt;
        let catchingUp = resumable;
        if (!resumable) send(ws, { kind: 'resync', seq: openedAt });
        // The first heartbeat at once: the terminal learns at what pace to expect them before it could miss one.
        send(ws, { kind: 'heartbeat', everyMs: options.heartbeatMs });
        // Subscribed from the start; while catching up, what is published meanwhile is read from the log in turn.
        const unsubscribe = events.subscribe((event) => {
          if (catchingUp || event.seq <= sent) return;
          sent = event.seq;
          forward(event);
        });
        ws.on('close', unsubscribe);
        // Until it has sent all that was published — also what was published while it read, which the
        // subscription above skipped: only when nothing is left does the subscription take over, at once.
        const catchUp = async (): Promise<void> => {
          for (;;) {
            if (ws.readyState !== ws.OPEN) return;
            const published = events.publishedSeq();
            if (sent >= published) {
              catchingUp = false;
              return;
            }
            const batch = await events.after(sent, CATCH_UP_CHUNK);
            if (batch.length === 0) throw new Error(`the hall's log ends before seq ${published}`);
            for (const event of batch) {
              if (event.seq > published) break;
              sent = event.seq;
              forward(event);
            }
            await new Promise((resolve) => setImmediate(resolve));
          }
        };
        // A read that fails (the database failing over) leaves the terminal to reconnect and resume from where it is.
        if (catchingUp) catchUp().catch(() => ws.close(SERVICE_RESTART_CLOSE_CODE, 'hall database unavailable'));
      });
    }),
  );
  // preClose, not onClose: Fastify closes its HTTP server before the onClose hooks, and that close waits for
  // every upgraded socket, so a listener still open then would keep the stopping hall alive for ever.
  app.addHook('preClose', async () => {
    stopping = true;
    clearInterval(recheck);
    clearInterval(heartbeat);
    if (flushing) clearTimeout(flushing);
    flush();
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
  return { listening: () => new Set(listeners.values()) };
}
