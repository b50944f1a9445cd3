import WebSocket from 'ws';
import { HALL_EVENTS_PATH, HallStreamMessageSchema } from '../shared/hall-api.js';
import type { HallEvent } from '../shared/hall-events.js';

export interface HallEventsHandlers {
  event(event: HallEvent): void;
  /** The stream could not continue from where this terminal was: pages take a fresh snapshot. */
  resync(seq: number): void;
  connected(connected: boolean): void;
}

/**
 * Follows the hall's event stream, resuming after the last event it saw whenever the connection
 * drops, so every event reaches this terminal once and in order; duplicates are dropped by sequence.
 * The token is asked for at each connection: it may have been rotated since the last.
 */
export function followHallEvents(baseUrl: string, token: () => string | undefined, handlers: HallEventsHandlers) {
  let lastSeq: number | null = null;
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

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
    ws.on('close', () => {
      if (socket !== ws) return;
      handlers.connected(false);
      if (stopped) return;
      attempt += 1;
      timer = setTimeout(connect, Math.min(5000, 250 * 2 ** attempt));
    });
  }

  return {
    start(): void {
      stopped = false;
      connect();
    },
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      socket?.terminate();
    },
  };
}
