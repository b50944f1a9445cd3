import type { LinkState, LinkStatus } from '../shared/link-status.js';
import type { Emit } from './emit.js';

export type Link = 'hall' | 'platform';

export interface LinkMonitor {
  status(): LinkStatus;
  /** What a real call just showed about a link; it is as good as a probe and reaches the pages sooner. */
  report(link: Link, reachable: boolean): void;
  /** Whether the link's event stream is open now. A link with a stream is online only while it is. */
  reportStream(link: Link, live: boolean): void;
  checkNow(): Promise<LinkStatus>;
  start(): void;
  stop(): void;
}

export interface LinkMonitorDeps {
  probes: Record<Link, () => Promise<unknown>>;
  /** The links whose events this terminal follows; without a live stream such a link shows nothing new. */
  streams?: readonly Link[];
  intervalMs: number;
  emit: Emit<'system.linkStatus'>;
  now?: () => Date;
}

/**
 * Watches the hall server and the platform so that every page can say when the terminal is cut off. A
 * hall that answers requests while its event stream is down is not 在线: no call would reach the board.
 */
export function createLinkMonitor(options: LinkMonitorDeps): LinkMonitor {
  const now = options.now ?? (() => new Date());
  let current: LinkStatus = { hall: 'unknown', platform: 'unknown', checkedAt: null };
  const reachable: Record<Link, LinkState> = { hall: 'unknown', platform: 'unknown' };
  const stream: Partial<Record<Link, LinkState>> = Object.fromEntries((options.streams ?? []).map((link) => [link, 'unknown']));
  let timer: ReturnType<typeof setInterval> | undefined;

  function stateOf(link: Link): LinkState {
    const streamState = stream[link] ?? 'online';
    if (reachable[link] === 'offline' || streamState === 'offline') return 'offline';
    return reachable[link] === 'online' && streamState === 'online' ? 'online' : 'unknown';
  }

  function update(): void {
    const changed = current.hall !== stateOf('hall') || current.platform !== stateOf('platform');
    current = { hall: stateOf('hall'), platform: stateOf('platform'), checkedAt: now().toISOString() };
    if (changed) options.emit('system.linkStatus', current);
  }

  async function probe(link: Link): Promise<void> {
    try {
      await options.probes[link]();
      reachable[link] = 'online';
    } catch {
      reachable[link] = 'offline';
    }
    update();
  }

  const checkNow = async () => {
    await Promise.all([probe('hall'), probe('platform')]);
    return current;
  };

  return {
    status: () => current,
    report(link, isReachable) {
      reachable[link] = isReachable ? 'online' : 'offline';
      update();
    },
    reportStream(link, live) {
      stream[link] = live ? 'online' : 'offline';
      // An open stream is itself an answer from the server.
      if (live) reachable[link] = 'online';
      update();
    },
    checkNow,
    start() {
      void checkNow();
      timer ??= setInterval(() => void checkNow(), options.intervalMs);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
