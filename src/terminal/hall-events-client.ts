import WebSocket from 'ws';
import { HALL_EVENTS_PATH, HallStreamMessageSchema, isServerRestartClose } from '../shared/hall-api.js';
import type { HallEvent } from '../shared/hall-events.js';

/** While a hall that announced its restart is coming back: retry this often, for this long, then back off as after any drop. */
const RESTART_RETRY_MS = 200;
const RESTART_WINDOW_MS = 30_000;

export interface HallEventsHandlers {
  event(event: HallEvent): void;
  /** The stream could not continue from where this terminal was: pages take a fresh snapshot. */
  resync(seq: number): void;
  connected(connected: boolean): void;
}

/**
 * Follows the hall's event stream, resuming after the last event it saw whenever the connection
 * drops, so every event reaches this terminal once and in order; duplicates are dropped by sequence.
 * The token is asked for at each connection: it may have been rotated since the last. A hall that closes
 * the stream saying it restarts is reconnected to at once, and retried quickly until its new process answers.
 */
export function followHallEvents(baseUrl: string, token: () => string | undefined, handlers: HallEventsHandlers) {
  let lastSeq: number | null = null;
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Until when a restarting hall is retried quickly; 0 when none announced a restart lately. */
  let restartUntil = 0;

  function connect(): void {
    const after = lastSeq ?? 0;
    const bearer = token();
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${HALL_EVENTS_PATH}?after=${after}`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    socket = ws;
    const firstConnect = lastSeq === null;
    ws.on('open', () => {
      attempt = 0;
      handlers.connected(true);
      if (firstConnect) lastSeq = 0;
    });
    ws.on('message', (data) => {
      const parsed = HallStreamMessageSchema.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.kind === 'resync') {
        lastSeq = message.seq;
        handlers.resync(message.seq);
      } else if (message.event.seq > (lastSeq ?? 0)) {
        lastSeq = message.event.seq;
        handlers.event(message.event);
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      if (socket !== ws) return;
      handlers.connected(false);
      if (stopped) return;
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
      timer = setTimeout(connect, Math.min(5000, 250 * 2 ** attempt));
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
      socket?.terminate();
    },
  };
}
