import type { DeviceHealth } from '../../shared/device-health.js';
import type { FeatureContext } from './context.js';
import type { Feature } from './feature.js';

/** How often the terminal looks at its devices; a report goes to the hall when what works changes. */
const LOOK_MS = 5000;
/** A report that says the same again, so the console can tell a terminal that is off from one whose devices are fine. */
const AGAIN_MS = 3 * 60_000;

/** The terminal's devices, as the hall's console shows them: each printer, the card reader, the scanner. */
function devicesOf(ctx: FeatureContext): DeviceHealth[] {
  const printers = ctx.printing.status().printers.map((printer): DeviceHealth => ({
    kind: 'printer',
    id: printer.printerId,
    ok: printer.checked ? printer.ready : null,
    message: printer.message,
  }));
  const reader = ctx.devices.idcard ? ctx.idcard.status() : null;
  const scanner = ctx.devices.scanner?.status() ?? null;
  return [
    ...printers,
    ...(reader
      ? [
          {
            kind: 'idcard' as const,
            id: 'idcard',
            // Still connecting after the start: not known yet, not faulty.
            ok: reader.state === 'connected' ? true : reader.state === 'connecting' ? null : false,
            message: reader.message ?? reader.state,
          },
        ]
      : []),
    ...(scanner ? [{ kind: 'scanner' as const, id: 'scanner', ok: scanner.connected, message: scanner.message }] : []),
  ];
}

/**
 * Reports the terminal's devices to the hall (printer out of paper or its cover open, the card reader or
 * scanner unplugged), so the hall's console shows them and raises an alert; nothing for the pages.
 */
export function deviceHealthFeature(ctx: FeatureContext): Feature<never> {
  let sent: string | null = null;
  let sentAt = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sending = false;
  async function report() {
    if (sending || ctx.links.status().hall === 'offline') return;
    const devices = devicesOf(ctx);
    const text = JSON.stringify(devices);
    if (text === sent && Date.now() - sentAt < AGAIN_MS) return;
    sending = true;
    try {
      await ctx.viaLink('hall', () => ctx.hall.reportDevices(devices));
      sent = text;
      sentAt = Date.now();
    } catch {
      // The hall is down or refused: the next look tries again, and the link monitor tells the pages.
    } finally {
      sending = false;
    }
  }
  return {
    name: 'deviceHealth',
    handlers: {},
    start() {
      timer = setInterval(() => void report(), ctx.options.deviceReportIntervalMs ?? LOOK_MS);
      void report();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
