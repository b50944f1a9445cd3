import type { LinkState, LinkStatus } from '../shared/link-status.js';

export type Link = 'hall' | 'platform';

export interface LinkMonitor {
  status(): LinkStatus;
  /** What a real call just showed about a link; it is as good as a probe and reaches the pages sooner. */
  report(link: Link, reachable: boolean): void;
  checkNow(): Promise<LinkStatus>;
  start(): void;
  stop(): void;
}

export interface LinkMonitorOptions {
  probes: Record<Link, () => Promise<unknown>>;
  intervalMs: number;
  onChange(status: LinkStatus): void;
  now?: () => Date;
}

/** Watches the hall server and the platform so that every page can say when the terminal is cut off. */
export function createLinkMonitor(options: LinkMonitorOptions): LinkMonitor {
  const now = options.now ?? (() => new Date());
  let current: LinkStatus = { hall: 'unknown', platform: 'unknown', checkedAt: null };
  let timer: ReturnType<typeof setInterval> | undefined;

  function set(link: Link, state: LinkState): void {
    const changed = current[link] !== state;
    current = { ...current, [link]: state, checkedAt: now().toISOString() };
    if (changed) options.onChange(current);
  }

  async function probe(link: Link): Promise<void> {
    try {
      await options.probes[link]();
      set(link, 'online');
    } catch {
      set(link, 'offline');
    }
  }

  const checkNow = async () => {
    await Promise.all([probe('hall'), probe('platform')]);
    return current;
  };

  return {
    status: () => current,
    report: (link, reachable) => set(link, reachable ? 'online' : 'offline'),
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
