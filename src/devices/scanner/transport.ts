import HID from 'node-hid';
import type { Scan } from '../../shared/scanner.js';
import type { ByteChannel } from '../serial/channel.js';
import { createHidPosAssembler, createSerialFramer, HID_POS_USAGE_PAGE, type FramerOptions } from './protocol.js';

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
  const found = (await HID.devicesAsync()).find(
    (device) => device.vendorId === vendorId && device.productId === productId && device.usagePage === HID_POS_USAGE_PAGE,
  );
  if (!found?.path) {
    throw new Error(
      `没有找到 HID POS 扫码枪 ${vendorId.toString(16)}:${productId.toString(16)}（用途页 0x8C），请检查连接或扫码枪的 HID POS 模式设置 / no HID POS scanner ${vendorId.toString(16)}:${productId.toString(16)} (usage page 0x8C): check the cable and that the scanner is set to HID POS mode`,
    );
  }
  return HID.HIDAsync.open(found.path);
}
