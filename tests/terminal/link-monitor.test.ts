import { describe, expect, it } from 'vitest';
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
});
