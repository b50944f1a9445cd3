import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWindowDisplay, windowDisplayTextAfter, windowDisplayTextOf } from '../../../src/devices/window-display/driver.js';
import { createSimulatedWindowDisplay } from '../../../src/devices/window-display/simulator.js';
import type { ByteChannel } from '../../../src/devices/serial/channel.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { waitFor } from '../../helpers/wait-for.js';

const tempDir = useTempDir('onewindow-window-display-');
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

function strip(file: string | null) {
  const simulated = createSimulatedWindowDisplay({ address: 2, encoding: 'gb2312', file });
  const channels: ByteChannel[] = [];
  const display = createWindowDisplay({
    address: 2,
    encoding: 'gb2312',
    brightness: 6,
    reconnect: { baseMs: 10, capMs: 20 },
    open: async () => {
      const channel = await simulated.open();
      channels.push(channel);
      return channel;
    },
  });
  display.start();
  stops.push(() => display.stop());
  return { simulated, display, channels };
}

describe('the simulated window display', () => {
  it('shows what the driver sends and writes it to its file for a person to read', async () => {
    const file = join(tempDir(), 'window-displays', 'counter-03.txt');
    const { simulated, display } = strip(file);
    await waitFor(() => display.status().connected);
    await display.show('请 A012 号 到 5 号窗口');
    await waitFor(() => simulated.state().text === '请 A012 号 到 5 号窗口');
    expect(readFileSync(file, 'utf8')).toBe('请 A012 号 到 5 号窗口\n');
    expect(simulated.state().brightness).toBe(6);
    await display.clear();
    await waitFor(() => simulated.state().text === '');
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('keeps the last text while the line is down, and shows it again once it is back', async () => {
    const { simulated, display, channels } = strip(null);
    await display.show('暂停服务');
    await waitFor(() => simulated.state().text === '暂停服务');
    await channels[0]!.close();
    await waitFor(() => channels.length === 2 && display.status().connected);
    await waitFor(() => simulated.state().frames >= 4);
    expect(display.status()).toEqual({ connected: true, text: '暂停服务' });
    expect(simulated.state().text).toBe('暂停服务');
  });
});

describe('what a window’s strip says', () => {
  const ticket = {
    ticketId: 't1',
    ticketNumber: 'A012',
    queueId: 'q',
    queueName: '综合',
    windowNumber: 5,
    windowName: '综合受理',
    announcement: null,
    offline: false,
    issuedAt: null,
  };

  it('follows the hall events of its window', () => {
    expect(windowDisplayTextAfter({ type: 'ticket.called', ticket }, 5, null)).toBe('请 A012 号 到 5 号窗口');
    expect(windowDisplayTextAfter({ type: 'ticket.recalled', ticket }, 5, null)).toBe('请 A012 号 到 5 号窗口');
    expect(windowDisplayTextAfter({ type: 'window.paused', ticket: null }, 5, null)).toBe('暂停服务');
    expect(windowDisplayTextAfter({ type: 'ticket.finished', ticket }, 5, null)).toBe('欢迎');
    expect(windowDisplayTextAfter({ type: 'window.resumed', ticket: null }, 5, null)).toBe('欢迎');
    // A pause ended while a number was still held at the window: the strip calls it again.
    expect(windowDisplayTextAfter({ type: 'window.resumed', ticket: null }, 5, 'A012')).toBe('请 A012 号 到 5 号窗口');
    expect(windowDisplayTextAfter({ type: 'clerk.loggedIn', ticket: null }, 5, null)).toBeUndefined();
  });

  it('takes the window as the hall’s snapshot has it', () => {
    expect(windowDisplayTextOf({ number: 5, paused: true, current: ticket })).toBe('暂停服务');
    expect(windowDisplayTextOf({ number: 5, paused: false, current: ticket })).toBe('请 A012 号 到 5 号窗口');
    expect(windowDisplayTextOf({ number: 5, paused: false, current: null })).toBe('欢迎');
  });
});
