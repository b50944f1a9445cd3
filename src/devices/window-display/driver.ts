import { backoffDelayMs } from '../../shared/backoff.js';
import type { HallEvent, WindowView } from '../../shared/hall-events.js';
import { createPollLoop } from '../poll-loop.js';
import type { ByteChannel } from '../serial/channel.js';
import { brightnessFrame, clearFrame, showTextFrame, type DisplayEncoding } from './protocol.js';

/** What a counter's strip says, in the hall's words. */
export const WINDOW_DISPLAY_TEXT = {
  called: (ticketNumber: string, windowNumber: number) => `请 ${ticketNumber} 号 到 ${windowNumber} 号窗口`,
  paused: '暂停服务',
  welcome: '欢迎',
} as const;

const SERVING: readonly HallEvent['type'][] = ['ticket.called', 'ticket.recalled', 'ticket.resumed'];
const LEFT: readonly HallEvent['type'][] = ['ticket.finished', 'ticket.noShow', 'ticket.transferred', 'ticket.parked'];

/**
 * What the strip of this window shows after a hall event there; undefined: it keeps what it shows.
 * `held`: the number the window was serving before the event, called again on the strip when a pause ends.
 */
export function windowDisplayTextAfter(
  event: Pick<HallEvent, 'type' | 'ticket'>,
  windowNumber: number,
  held: string | null,
): string | undefined {
  if (SERVING.includes(event.type) && event.ticket) return WINDOW_DISPLAY_TEXT.called(event.ticket.ticketNumber, windowNumber);
  if (event.type === 'window.paused') return WINDOW_DISPLAY_TEXT.paused;
  if (event.type === 'window.resumed') return held ? WINDOW_DISPLAY_TEXT.called(held, windowNumber) : WINDOW_DISPLAY_TEXT.welcome;
  if (LEFT.includes(event.type)) return WINDOW_DISPLAY_TEXT.welcome;
  return undefined;
}

/** What the strip shows for the window as the hall's snapshot has it (after a start or a gap in the events). */
export function windowDisplayTextOf(window: Pick<WindowView, 'number' | 'paused' | 'current'>): string {
  if (window.paused) return WINDOW_DISPLAY_TEXT.paused;
  return window.current ? WINDOW_DISPLAY_TEXT.called(window.current.ticketNumber, window.number) : WINDOW_DISPLAY_TEXT.welcome;
}

export interface WindowDisplayOptions {
  open(): Promise<ByteChannel>;
  /** The strip's address on its line. */
  address: number;
  encoding: DisplayEncoding;
  /** 0–15. */
  brightness: number;
  reconnect?: { baseMs: number; capMs: number };
  /** The reconnect backoff's random source; tests fix it. */
  random?: () => number;
}

export interface WindowDisplayStatus {
  connected: boolean;
  /** The text the strip shows, or is to show once it is back; null when cleared. */
  text: string | null;
}

/**
 * A window's LED strip. It remembers what it should show, so a strip that was unplugged, or a line that
 * dropped, gets its brightness and text again as soon as it is back; meanwhile it keeps the last text.
 */
export function createWindowDisplay(options: WindowDisplayOptions) {
  const reconnect = options.reconnect ?? { baseMs: 500, capMs: 30_000 };
  let channel: ByteChannel | null = null;
  let text: string | null = null;
  let brightness = options.brightness;
  let failedOpens = 0;
  let writes: Promise<void> = Promise.resolve();

  const current = () => (text === null ? clearFrame(options.address) : showTextFrame(options.address, text, options.encoding));

  /** Frames go out in order; a write that fails drops the line, which the loop opens again. */
  function send(frames: Buffer[]): Promise<void> {
    const open = channel;
    if (!open) return writes;
    writes = writes.then(async () => {
      try {
        for (const frame of frames) await open.write(frame);
      } catch {
        await open.close().catch(() => undefined);
      }
    });
    return writes;
  }

  const loop = createPollLoop(async (round) => {
    if (channel) return round.sleep(60_000);
    try {
      const opened = await options.open();
      if (!round.running) return void (await opened.close());
      opened.onClose(() => {
        if (channel === opened) channel = null;
        loop.wake();
      });
      channel = opened;
      failedOpens = 0;
      await send([brightnessFrame(options.address, brightness), current()]);
    } catch {
      await round.sleep(backoffDelayMs(failedOpens, reconnect, options.random));
      failedOpens += 1;
    }
  });

  return {
    /** Shows the text (a bad character is refused before anything is sent). */
    show(next: string): Promise<void> {
      const frame = showTextFrame(options.address, next, options.encoding);
      text = next;
      return send([frame]);
    },
    clear(): Promise<void> {
      text = null;
      return send([clearFrame(options.address)]);
    },
    setBrightness(level: number): Promise<void> {
      const frame = brightnessFrame(options.address, level);
      brightness = level;
      return send([frame]);
    },
    status: (): WindowDisplayStatus => ({ connected: channel?.isOpen ?? false, text }),
    start: () => loop.start(),
    async stop(): Promise<void> {
      await loop.stop();
      await writes;
      await channel?.close();
      channel = null;
    },
  };
}

export type WindowDisplay = ReturnType<typeof createWindowDisplay>;
