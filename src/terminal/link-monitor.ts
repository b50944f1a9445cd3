import type { LinkState, LinkStatus } from '../shared/link-status.js';
import type { Emit } from './emit.js';

export type Link = 'hall' | 'platform';

export interface LinkMonitor {
  status(): LinkStatus;
  /** What a real call just showed about a link; it is as good as a probe and reaches the pages sooner. */
  report(link: Link, reachable: boolean): void;
  /** A real call over the link, reported when it ends unless something newer was learnt meanwhile. */
  through<T>(link: Link, call: () => Promise<T>, unreachable: (error: unknown) => boolean): Promise<T>;
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
  /** How often while a link is down: a kiosk issues from its lease until it hears the hall again, so it listens closely. */
  offlineIntervalMs?: number;
  /** Spreads the probes of a hall's terminals while it is down, so they do not knock in step when it comes back; tests fix it. */
  random?: () => number;
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Which start the running loop belongs to: a loop left over from before a stop ends at its next turn. */
  let run = 0;
  let running = false;
  /** Counts what was learnt of each link; a probe's answer counts only if nothing newer came while it waited. */
  const learnt: Record<Link, number> = { hall: 0, platform: 0 };

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

  function learn(link: Link, state: LinkState): void {
    learnt[link] += 1;
    reachable[link] = state;
  }

  async function probe(link: Link): Promise<void> {
    const asked = learnt[link];
    let state: LinkState;
    try {
      await options.probes[link]();
      state = 'online';
    } catch {
      state = 'offline';
    }
    learnSince(link, asked, state);
  }

  /** A call sent while the hall was down can fail after its stream came back: the stream is the newer word. */
  function learnSince(link: Link, asked: number, state: LinkState): void {
    if (learnt[link] === asked) learn(link, state);
    update();
  }

  const checkNow = async () => {
    await Promise.all([probe('hall'), probe('platform')]);
    return current;
  };

  return {
    status: () => current,
    report(link, isReachable) {
      learn(link, isReachable ? 'online' : 'offline');
      update();
    },
    async through(link, call, unreachable) {
      const asked = learnt[link];
      try {
        const value = await call();
        learnSince(link, asked, 'online');
        return value;
      } catch (error) {
        learnSince(link, asked, unreachable(error) ? 'offline' : 'online');
        throw error;
      }
    },
    reportStream(link, live) {
      stream[link] = live ? 'online' : 'offline';
      // An open stream is itself an answer from the server.
      if (live) learn(link, 'online');
      update();
    },
    checkNow,
    start() {
      if (running) return;
      running = true;
      const mine = ++run;
      const loop = async () => {
        await checkNow();
        if (mine !== run) return;
        const often = Math.min(options.offlineIntervalMs ?? 1000, options.intervalMs) * (0.5 + (options.random ?? Math.random)());
        const delay = current.hall === 'offline' ? often : options.intervalMs;
        timer = setTimeout(() => void loop(), delay);
      };
      void loop();
    },
    stop() {
      running = false;
      run += 1;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
