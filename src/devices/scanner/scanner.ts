import HID from 'node-hid';
import type { Scan } from '../../shared/scanner.js';
import { Emitter } from '../events.js';
import type { ByteChannel } from '../serial/channel.js';
import { createHidPosAssembler, HID_POS_USAGE_PAGE } from './hid-pos.js';
import { createSerialFramer, type FramerOptions } from './serial-framer.js';

export interface ScannerStatus {
  connected: boolean;
  message: string;
}

/** One open link to a scanner: it reports scans until it closes (unplugged, or closed by us). */
export interface ScannerConnection {
  onScan(listener: (scan: Omit<Scan, 'source' | 'at'>) => void): void;
  onClose(listener: (error?: Error) => void): void;
  close(): Promise<void>;
}

/** A serial (USB-COM) scanner, or the simulator on an in-process channel: the same bytes either way. */
export function serialScannerConnection(channel: ByteChannel, framing: FramerOptions): ScannerConnection {
  const listeners: ((scan: Omit<Scan, 'source' | 'at'>) => void)[] = [];
  const framer = createSerialFramer(framing, (scan) => listeners.forEach((listener) => listener(scan)));
  channel.onData((chunk) => framer.push(chunk));
  return { onScan: (listener) => listeners.push(listener), onClose: (listener) => channel.onClose(listener), close: () => channel.close() };
}

/** What node-hid's device gives us; a simulator provides the same. */
export interface HidReportSource {
  on(event: 'data', listener: (report: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void> | void;
}

export function hidScannerConnection(device: HidReportSource): ScannerConnection {
  const scans: ((scan: Omit<Scan, 'source' | 'at'>) => void)[] = [];
  const closes: ((error?: Error) => void)[] = [];
  const assembler = createHidPosAssembler((scan) => scans.forEach((listener) => listener(scan)));
  device.on('data', (report) => assembler.push(report));
  device.on('error', (error) => closes.forEach((listener) => listener(error)));
  return {
    onScan: (listener) => scans.push(listener),
    onClose: (listener) => closes.push(listener),
    close: async () => {
      await device.close();
      closes.forEach((listener) => listener());
    },
  };
}

/** The HID POS interface (usage page 0x8C) of the scanner with this vendor and product id. */
export async function openHidPosDevice(vendorId: number, productId: number): Promise<HidReportSource> {
  const found = (await HID.devicesAsync()).find((device) => device.vendorId === vendorId && device.productId === productId && device.usagePage === HID_POS_USAGE_PAGE);
  if (!found?.path) {
    throw new Error(
      `没有找到 HID POS 扫码枪 ${vendorId.toString(16)}:${productId.toString(16)}（用途页 0x8C），请检查连接或扫码枪的 HID POS 模式设置 / no HID POS scanner ${vendorId.toString(16)}:${productId.toString(16)} (usage page 0x8C): check the cable and that the scanner is set to HID POS mode`,
    );
  }
  return HID.HIDAsync.open(found.path);
}

/**
 * A scanner that stays connected: when the link closes (unplugged), it says so and opens again every
 * `retryMs`, so plugging the scanner back in is all a clerk has to do.
 */
export function createScanner(options: { source: Scan['source']; open: () => Promise<ScannerConnection>; retryMs?: number; now?: () => Date }) {
  const events = new Emitter<{ scan: Scan; status: ScannerStatus }>();
  let status: ScannerStatus = { connected: false, message: '扫码枪未连接 / the scanner is not connected' };
  let connection: ScannerConnection | null = null;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  const setStatus = (next: ScannerStatus) => {
    if (next.connected === status.connected && next.message === status.message) return;
    status = next;
    events.emit('status', status);
  };

  async function connect(): Promise<void> {
    timer = null;
    if (!running) return;
    try {
      const opened = await options.open();
      if (!running) return void (await opened.close());
      connection = opened;
      opened.onScan((scan) => events.emit('scan', { ...scan, source: options.source, at: (options.now?.() ?? new Date()).toISOString() }));
      opened.onClose((error) => {
        connection = null;
        setStatus({ connected: false, message: `扫码枪已断开，正在重连 / the scanner went away, reconnecting${error ? `: ${error.message}` : ''}` });
        if (running) timer = setTimeout(() => void connect(), options.retryMs ?? 2000);
      });
      setStatus({ connected: true, message: '扫码枪就绪 / the scanner is ready' });
    } catch (error) {
      setStatus({ connected: false, message: (error as Error).message });
      timer = setTimeout(() => void connect(), options.retryMs ?? 2000);
    }
  }

  return {
    on: events.on.bind(events),
    status: () => status,
    start(): void {
      running = true;
      void connect();
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      await connection?.close();
    },
  };
}
export type Scanner = ReturnType<typeof createScanner>;
