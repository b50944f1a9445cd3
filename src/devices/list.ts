import HID from 'node-hid';
import { SerialPort } from 'serialport';
import { getDeviceList } from 'usb';

export interface FoundDevice {
  kind: 'serial' | 'hid' | 'usb-printer';
  id: string;
  detail: string;
}

const hex = (value: number | undefined) => (value ?? 0).toString(16).padStart(4, '0');

/** USB printer class: interfaces of class 7 (what ESC/POS printers without a driver show). */
const PRINTER_CLASS = 7;

/** Serial ports, HID devices and USB printers this machine can see, for a technician setting up a terminal. */
export async function listDevices(): Promise<FoundDevice[]> {
  const found: FoundDevice[] = [];
  for (const port of await SerialPort.list()) {
    const usb = port.vendorId ? ` usb ${port.vendorId}:${port.productId}` : '';
    found.push({ kind: 'serial', id: port.path, detail: `${port.manufacturer ?? ''}${usb}`.trim() });
  }
  for (const device of HID.devices()) {
    found.push({
      kind: 'hid',
      id: `${hex(device.vendorId)}:${hex(device.productId)}`,
      detail: `${device.product ?? ''} usagePage 0x${(device.usagePage ?? 0).toString(16)} ${device.path ?? ''}`.trim(),
    });
  }
  for (const device of getDeviceList()) {
    const interfaces = device.configDescriptor?.interfaces.flat() ?? [];
    if (!interfaces.some((alt) => alt.bInterfaceClass === PRINTER_CLASS)) continue;
    found.push({
      kind: 'usb-printer',
      id: `usb:${hex(device.deviceDescriptor.idVendor)}:${hex(device.deviceDescriptor.idProduct)}`,
      detail: `bus ${device.busNumber} address ${device.deviceAddress}`,
    });
  }
  return found;
}
