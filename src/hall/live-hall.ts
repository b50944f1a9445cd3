import { LIVE_WAIT_MS, type LiveHall } from '../shared/manager-console.js';
import type { HallConfig } from '../shared/hall-config.js';
import type { QueueSummary } from '../shared/tickets.js';
import type { WindowView } from '../shared/hall-events.js';
import type { HallAlerts } from './alerts.js';
import type { EventLog } from './event-log.js';
import type { TerminalRegistry } from './terminal-registry.js';
import { DEVICE_REPORT_STALE_MS, type TerminalDevices } from './terminal-devices.js';
import type { HallStore } from './storage/store.js';

/** Events that come this close together are answered as one state: a call and its announcement, a finish and the next call. */
const GATHER_MS = 50;

export interface LiveHallSources {
  store: HallStore;
  config: HallConfig;
  events: EventLog;
  registry: TerminalRegistry;
  devices: TerminalDevices;
  serviceDate(): string;
  queues(): Promise<QueueSummary[]>;
  windows(): Promise<WindowView[]>;
  alerts: HallAlerts;
  /** The terminals following this server's event stream now. */
  listening(): ReadonlySet<string>;
  now(): Date;
}

/**
 * The hall as the console shows it, read as one consistent view (its seq and its state agree), and the
 * console's way to follow it: a request that names the last seq it has is answered when the next event is
 * published (by this server or, on PostgreSQL, another), gathered for a moment, or after LIVE_WAIT_MS anyway,
 * so the console is never more than a moment behind and needs no socket of its own.
 */
export function createLiveHall(sources: LiveHallSources) {
  const { store, events } = sources;

  const state = (): Promise<LiveHall> =>
    store.read(async () => {
      const serviceDate = sources.serviceDate();
      // One after the other: on PostgreSQL a read is one connection, which takes one query at a time.
      const seq = await events.lastSeq();
      const queues = await sources.queues();
      const windows = await sources.windows();
      const oldest = await store.all<{ queue_id: string; since: string }>(
        "SELECT queue_id, MIN(issued_at) AS since FROM tickets WHERE service_date = ? AND state = 'waiting' GROUP BY queue_id",
        serviceDate,
      );
      const serving = await store.all<{ id: string; called_at: string | null }>(
        "SELECT id, called_at FROM tickets WHERE service_date = ? AND state = 'called'",
        serviceDate,
      );
      const terminals = await sources.registry.list();
      const reports = await sources.devices.all();
      const alerts = await sources.alerts.shown();
      const alertRules = await sources.alerts.rules();
      const waitingSince = new Map(oldest.map((row) => [row.queue_id, row.since]));
      const calledAt = new Map(serving.map((row) => [row.id, row.called_at]));
      const listening = sources.listening();
      return {
        seq,
        at: sources.now().toISOString(),
        hallName: sources.config.hallName,
        timeZone: sources.config.timeZone,
        serviceDate,
        queues: queues.map((queue) => ({ ...queue, oldestWaitingSince: waitingSince.get(queue.id) ?? null })),
        windows: windows.map((window) => ({
          ...window,
          servingSince: window.current ? (calledAt.get(window.current.ticketId) ?? null) : null,
        })),
        terminals: terminals
          .filter((terminal) => terminal.revokedAt === null)
          .map((terminal) => {
            const report = reports.get(terminal.id);
            return {
              id: terminal.id,
              role: terminal.role,
              window: terminal.window,
              listening: listening.has(terminal.id),
              devices: report?.devices ?? [],
              devicesReportedAt: report?.reportedAt ?? null,
              devicesStale: !report || sources.now().getTime() - Date.parse(report.reportedAt) > DEVICE_REPORT_STALE_MS,
            };
          }),
        alerts,
        alertRules,
      };
    });

  /** Resolves once the hall is past `after`, a moment later; or after LIVE_WAIT_MS, or when `gone` fires (the console left). */
  function pastOrTimeout(after: number, gone: AbortSignal): Promise<void> {
    if (events.publishedSeq() > after || gone.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        gone.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, LIVE_WAIT_MS);
      const unsubscribe = events.subscribe(() => setTimeout(done, GATHER_MS));
      gone.addEventListener('abort', done);
    });
  }

  return {
    state,
    /** The state once the hall has moved past `after` (at once when it already has, or when `after` is not given). */
    async next(after: number | undefined, gone: AbortSignal): Promise<LiveHall> {
      if (after !== undefined) await pastOrTimeout(after, gone);
      return state();
    },
  };
}
