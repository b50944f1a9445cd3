import type { DeviceHealth } from '../shared/device-health.js';
import type { EventLog } from './event-log.js';
import type { HallStore } from './storage/store.js';

/** A report older than this says nothing of the device now: the terminal reports every few minutes while it runs. */
export const DEVICE_REPORT_STALE_MS = 10 * 60_000;

/**
 * Each terminal's devices as it last reported them, for the console's live hall and the device alerts. A
 * report that changes what works is a `terminal.devicesChanged` event (the console follows events); one
 * that only says the same again is kept without one.
 */
export function createTerminalDevices(store: HallStore, events: EventLog, now: () => Date) {
  return {
    record: (terminalId: string, devices: DeviceHealth[]) =>
      store.transaction(async () => {
        const before = await store.get<{ devices: string }>('SELECT devices FROM terminal_devices WHERE terminal_id = ?', terminalId);
        const text = JSON.stringify(devices);
        await store.run(
          'INSERT INTO terminal_devices (terminal_id, reported_at, devices) VALUES (?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET reported_at = excluded.reported_at, devices = excluded.devices',
          terminalId,
          now().toISOString(),
          text,
        );
        if (before?.devices !== text) await events.append('terminal.devicesChanged', null, null, { terminalId });
      }),

    /** Every terminal's last report. */
    async all(): Promise<Map<string, { reportedAt: string; devices: DeviceHealth[] }>> {
      const rows = await store.all<{ terminal_id: string; reported_at: string; devices: string }>('SELECT * FROM terminal_devices');
      return new Map(
        rows.map((row) => [row.terminal_id, { reportedAt: row.reported_at, devices: JSON.parse(row.devices) as DeviceHealth[] }]),
      );
    },
  };
}

export type TerminalDevices = ReturnType<typeof createTerminalDevices>;
