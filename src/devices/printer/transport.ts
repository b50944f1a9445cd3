import { connect, type Socket } from 'node:net';
import { findByIds, type Device, type OutEndpoint, type InEndpoint } from 'usb';
import { openSerialChannel } from '../serial/channel.js';
import { DLE } from './protocol.js';
import { isStatusByte, parseStatus, STATUS_REQUESTS, type PrinterStatus } from './status.js';

/** One job's connection to a printer: opened for the job, closed after it, so a stale link never blocks the next. */
export interface PrinterConnection {
  write(bytes: Uint8Array): Promise<void>;
  /** DLE EOT 1–4, or null where the transport cannot read back. */
  status(timeoutMs: number): Promise<PrinterStatus | null>;
  close(): Promise<void>;
}

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baud: number }
  | { kind: 'usb'; vendorId: number; productId: number };

/** `tcp://HOST:PORT`, `serial:PATH[?baud=N]` or `usb:VID:PID` (hex). */
export function parsePrinterUrl(url: string): PrinterAddress {
  let match = /^tcp:\/\/([^/\s:]+):(\d{1,5})$/.exec(url);
  if (match) return { kind: 'tcp', host: match[1]!, port: Number(match[2]) };
  match = /^serial:([^?\s]+)(?:\?baud=(\d+))?$/.exec(url);
  if (match) return { kind: 'serial', path: match[1]!, baud: Number(match[2] ?? 9600) };
  match = /^usb:([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(url);
  if (match) return { kind: 'usb', vendorId: parseInt(match[1]!, 16), productId: parseInt(match[2]!, 16) };
  throw new Error(`打印机地址无效 / not a printer address: "${url}"; use tcp://HOST:PORT, serial:PATH[?baud=N] or usb:VID:PID`);
}

/**
 * Reads the four status bytes from a stream that delivers the printer's replies. Bytes that are not
 * status bytes (automatic status back, stray data) are skipped.
 */
function statusReader(onData: (listener: (chunk: Buffer) => void) => () => void, write: (bytes: Uint8Array) => Promise<void>) {
  return async (timeoutMs: number): Promise<PrinterStatus | null> => {
    const replies: number[] = [];
    for (const n of STATUS_REQUESTS) {
      const reply = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          off();
          resolve(null);
        }, timeoutMs);
        const off = onData((chunk) => {
          const byte = [...chunk].find(isStatusByte);
          if (byte === undefined) return;
          clearTimeout(timer);
          off();
          resolve(byte);
        });
        write(Buffer.from([DLE, 0x04, n])).catch(() => resolve(null));
      });
      if (reply === null) return null;
      replies.push(reply);
    }
    return parseStatus(replies);
  };
}

export async function openPrinter(address: PrinterAddress, connectTimeoutMs = 3000): Promise<PrinterConnection> {
  switch (address.kind) {
    case 'tcp':
      return openTcp(address.host, address.port, connectTimeoutMs);
    case 'serial': {
      const channel = await openSerialChannel(address.path, address.baud);
      return { write: (bytes) => channel.write(bytes), status: statusReader(channel.onData, channel.write), close: () => channel.close() };
    }
    case 'usb':
      return openUsb(address.vendorId, address.productId);
  }
}

function openTcp(host: string, port: number, timeoutMs: number): Promise<PrinterConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`打印机 ${host}:${port} 连接超时 / no answer from the printer at ${host}:${port}`));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`无法连接打印机 ${host}:${port} / cannot reach the printer at ${host}:${port}: ${error.message}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      let failure: Error | null = null;
      socket.on('error', (error) => (failure = error));
      const write = (bytes: Uint8Array) =>
        new Promise<void>((done, fail) => {
          if (failure || socket.destroyed) return fail(failure ?? new Error('the printer closed the connection'));
          socket.write(bytes, (error) => (error ? fail(error) : done()));
        });
      const onData = (listener: (chunk: Buffer) => void) => {
        socket.on('data', listener);
        return () => socket.off('data', listener);
      };
      resolve({
        write,
        status: statusReader(onData, write),
        close: () =>
          new Promise<void>((done) => {
            if (socket.destroyed) return done();
            socket.end(() => done());
            setTimeout(() => {
              socket.destroy();
              done();
            }, 1000).unref();
          }),
      });
    });
  });
}

/** USB printer class (7) through libusb: bulk OUT for the job, bulk IN (when the printer has one) for status. */
async function openUsb(vendorId: number, productId: number): Promise<PrinterConnection> {
  const hex = (value: number) => value.toString(16).padStart(4, '0');
  const device: Device | undefined = findByIds(vendorId, productId);
  if (!device) throw new Error(`未找到 USB 打印机 / no USB printer ${hex(vendorId)}:${hex(productId)} is attached`);
  device.open();
  const printerInterface = device.interfaces?.find((candidate) => candidate.descriptor.bInterfaceClass === 7);
  if (!printerInterface) {
    device.close();
    throw new Error(`USB 设备 ${hex(vendorId)}:${hex(productId)} 不是打印机类设备 / the device has no printer-class interface`);
  }
  if (printerInterface.isKernelDriverActive()) printerInterface.detachKernelDriver();
  printerInterface.claim();
  const out = printerInterface.endpoints.find((endpoint) => endpoint.direction === 'out') as OutEndpoint | undefined;
  const input = printerInterface.endpoints.find((endpoint) => endpoint.direction === 'in') as InEndpoint | undefined;
  if (!out) throw new Error('the printer interface has no bulk OUT endpoint');
  const write = (bytes: Uint8Array) =>
    new Promise<void>((done, fail) => out.transfer(Buffer.from(bytes), (error) => (error ? fail(error) : done())));
  const onData = (listener: (chunk: Buffer) => void) => {
    if (!input) return () => undefined;
    input.transfer(64, (error, data) => {
      if (!error && data) listener(data);
    });
    return () => undefined;
  };
  return {
    write,
    status: input ? statusReader(onData, write) : async () => null,
    close: () =>
      new Promise<void>((done) => {
        printerInterface.release(true, () => {
          device.close();
          done();
        });
      }),
  };
}
