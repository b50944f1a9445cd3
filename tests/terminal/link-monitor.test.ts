import { describe, expect, it, vi } from 'vitest';
import type { LinkStatus } from '../../src/shared/link-status.js';
import { createLinkMonitor } from '../../src/terminal/link-monitor.js';

function monitor() {
  const changes: LinkStatus[] = [];
  const links = createLinkMonitor({
    streams: ['hall'],
    probes: { hall: async () => undefined, platform: async () => undefined },
    intervalMs: 60_000,
    emit: (_event, status) => changes.push(status),
  });
  return { links, changes };
}

describe('link monitor', () => {
  it('does not call the hall 在线 while its event stream is down, however well it answers requests', async () => {
    const { links } = monitor();
    await links.checkNow();
    expect(links.status()).toMatchObject({ hall: 'unknown', platform: 'online' });
    links.reportStream('hall', true);
    expect(links.status().hall).toBe('online');
    links.reportStream('hall', false);
    links.report('hall', true);
    await links.checkNow();
    expect(links.status().hall).toBe('offline');
    links.reportStream('hall', true);
    expect(links.status().hall).toBe('online');
  });

  it('calls a link offline when requests fail, even with its stream open', () => {
    const { links, changes } = monitor();
    links.reportStream('hall', true);
    links.report('hall', false);
    expect(links.status().hall).toBe('offline');
    expect(changes.map((change) => change.hall)).toEqual(['online', 'offline']);
  });

  it('keeps a stream that came back while a probe sent during the outage was failing', async () => {
    let failProbe: (error: Error) => void = () => undefined;
    const links = createLinkMonitor({
      streams: ['hall'],
      probes: { hall: () => new Promise((_resolve, reject) => (failProbe = reject)), platform: async () => undefined },
      intervalMs: 60_000,
      emit: () => undefined,
    });
    links.reportStream('hall', false);
    const probing = links.checkNow();
    links.reportStream('hall', true);
    failProbe(new Error('connect ECONNREFUSED'));
    await probing;
    expect(links.status().hall).toBe('online');
  });

  it('keeps a stream that came back while a call sent during the outage was failing', async () => {
    const { links } = monitor();
    links.reportStream('hall', false);
    let failCall: (error: Error) => void = () => undefined;
    const calling = links.through(
      'hall',
      () => new Promise((_resolve, reject) => (failCall = reject)),
      () => true,
    );
    links.reportStream('hall', true);
    failCall(new Error('connect ECONNREFUSED'));
    await expect(calling).rejects.toThrow('ECONNREFUSED');
    expect(links.status().hall).toBe('online');
    await expect(
      links.through(
        'hall',
        () => Promise.reject(new Error('timeout')),
        () => true,
      ),
    ).rejects.toThrow();
    expect(links.status().hall).toBe('offline');
  });

  it('asks a hall that is down every second, and one that answers at its usual pace', async () => {
    vi.useFakeTimers();
    try {
      let hallUp = false;
      let asked = 0;
      const links = createLinkMonitor({
        probes: {
          hall: async () => {
            asked += 1;
            if (!hallUp) throw new Error('connect ECONNREFUSED');
          },
          platform: async () => undefined,
        },
        intervalMs: 5000,
        random: () => 0.5,
        emit: () => undefined,
      });
      links.start();
      await vi.advanceTimersByTimeAsync(3100);
      expect(asked).toBe(4);
      expect(links.status().hall).toBe('offline');
      hallUp = true;
      await vi.advanceTimersByTimeAsync(1000);
      expect(links.status().hall).toBe('online');
      const seen = asked;
      await vi.advanceTimersByTimeAsync(4000);
      expect(asked).toBe(seen);
      await vi.advanceTimersByTimeAsync(1000);
      expect(asked).toBe(seen + 1);
      links.stop();
      await vi.advanceTimersByTimeAsync(20_000);
      expect(asked).toBe(seen + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
