import WebSocket from 'ws';
import { backoffDelayMs } from '../shared/backoff.js';
import { HALL_EVENTS_PATH, HallStreamMessageSchema, isServerRestartClose } from '../shared/hall-api.js';
import type { HallEvent } from '../shared/hall-events.js';
import { createHallEndpoints, type HallEndpoints } from './hall-endpoints.js';

/** While a hall that announced its restart is coming back: retry this often, for this long, then back off as after any drop. */
const RESTART_RETRY_MS = 200;
const RESTART_WINDOW_MS = 30_000;

/** How often the hall is expected to send a heartbeat until its first one says; the hall's own figure wins. */
export const DEFAULT_HEARTBEAT_MS = 3000;

export interface HallEventsHandlers {
  /** `live: false`: the event happened before this connection opened and was sent to catch up; it updates state only. */
  event(event: HallEvent, live: boolean): void;
  /** This terminal has no position in the stream, or one it could not continue from: pages take a fresh snapshot. */
  resync(seq: number): void;
  connected(connected: boolean): void;
}

export interface HallEventsOptions {
  heartbeatMs?: number;
  /** The backoff's random source; tests fix it. */
  random?: () => number;
}

const RECONNECT_BACKOFF = { baseMs: 250, capMs: 5000 };

/**
 * Follows the hall's event stream, resuming after the last event it saw whenever the connection
 * drops, so every event reaches this terminal once and in order; duplicates are dropped by sequence.
 * The first connection has no position: the hall answers `resync` and the pages take a snapshot.
 * The token is asked for at each connection: it may have been rotated since the last. A hall that closes
 * the stream saying it restarts is reconnected to at once, and retried quickly until its new process answers.
 * A stream that stays silent past two of the hall's heartbeats (a cut cable, a router that lost its state)
 * is declared down and cut, and a new one is opened: a terminal never shows 在线 while it hears nothing.
 * Where the hall has several servers, a stream that fails or ends moves to the next at once and resumes
 * there after the last event seen: the servers share one log, so nothing is lost or heard twice.
 */
export function followHallEvents(
  hall: string | HallEndpoints,
  token: () => string | undefined,
  handlers: HallEventsHandlers,
  options: HallEventsOptions = {},
) {
  let lastSeq: number | null = null;
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let silence: ReturnType<typeof setTimeout> | undefined;
  let heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  /** Until when a restarting hall is retried quickly; 0 when none announced a restart lately. */
  let restartUntil = 0;
  const endpoints = typeof hall === 'string' ? createHallEndpoints([hall]) : hall;

  /** Two heartbeats missed, and half of one more for the network's jitter. */
  const watch = (ws: WebSocket) => {
    clearTimeout(silence);
    silence = setTimeout(() => ws.terminate(), heartbeatMs * 2.5);
  };

  function connect(): void {
    const bearer = token();
    const position = lastSeq === null ? '' : `?after=${lastSeq}`;
    const url = endpoints.current();
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${HALL_EVENTS_PATH}${position}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
      // A hall that cannot be reached answers nothing at all: give up on the handshake as on a silent stream.
      handshakeTimeout: heartbeatMs * 2.5,
    });
    socket = ws;
    ws.on('open', () => {
      attempt = 0;
      watch(ws);
      handlers.connected(true);
    });
    ws.on('message', (data) => {
      const frame = parseFrame(String(data));
      // A frame that is not JSON was cut or garbled on the way: the stream is dropped and taken up again
      // after the last event seen, so whatever it held is sent again instead of lost.
      if (frame === MALFORMED) {
        ws.terminate();
        return;
      }
      const parsed = HallStreamMessageSchema.safeParse(frame);
      if (parsed.success && parsed.data.kind === 'heartbeat') heartbeatMs = parsed.data.everyMs;
      watch(ws);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.kind === 'heartbeat') return;
      if (message.kind === 'resync') {
        lastSeq = message.seq;
        handlers.resync(message.seq);
      } else if (message.event.seq > (lastSeq ?? 0)) {
        lastSeq = message.event.seq;
        handlers.event(message.event, message.live);
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (socket !== ws) return;
      clearTimeout(silence);
      handlers.connected(false);
      if (stopped) return;
      // Another of the hall's servers not yet tried since the last stream that opened: at once.
      endpoints.failed(url);
      if (endpoints.current() !== url && attempt + 1 < endpoints.count) {
        attempt += 1;
        timer = setTimeout(connect, 0);
        return;
      }
      // At once for the first announced restart; a server that keeps announcing them is paced, never spun on.
      if (isServerRestartClose(code) && Date.now() >= restartUntil) {
        restartUntil = Date.now() + RESTART_WINDOW_MS;
        connect();
        return;
      }
      if (Date.now() < restartUntil) {
        timer = setTimeout(connect, RESTART_RETRY_MS);
        return;
      }
      attempt += 1;
      timer = setTimeout(connect, backoffDelayMs(attempt, RECONNECT_BACKOFF, options.random));
    });
  }

  return {
    start(): void {
      stopped = false;
      connect();
    },
    /** The hall answers again (a probe or a call got through): stop waiting out the back-off. */
    reconnectNow(): void {
      if (stopped || !socket || socket.readyState !== WebSocket.CLOSED) return;
      clearTimeout(timer);
      connect();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(silence);
      socket?.terminate();
    },
  };
}

const MALFORMED = Symbol('malformed frame');

function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return MALFORMED;
  }
}
