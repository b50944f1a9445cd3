import { SerialPort } from 'serialport';

/**
 * A byte stream to a device: a serial port, or one end of an in-process pair for simulators. Drivers
 * are written against this, so the same driver talks to a real reader, a simulator on a pty, or one in
 * the same process.
 */
export interface ByteChannel {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the channel is gone: closed by us, unplugged, or the peer went away. */
  onClose(listener: (error?: Error) => void): () => void;
  close(): Promise<void>;
  readonly isOpen: boolean;
}

export async function openSerialChannel(path: string, baudRate: number): Promise<ByteChannel> {
  const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  let closed = false;
  const closeListeners = new Set<(error?: Error) => void>();
  const finish = (error?: Error) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(error);
  };
  port.on('close', (error?: Error) => finish(error ?? undefined));
  port.on('error', (error: Error) => {
    finish(error);
    if (port.isOpen) port.close(() => undefined);
  });
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes), (error) =>
          error ? reject(error) : port.drain((drainError) => (drainError ? reject(drainError) : resolve())),
        );
      }),
    onData(listener) {
      port.on('data', listener);
      return () => port.off('data', listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
    get isOpen() {
      return !closed && port.isOpen;
    },
  };
}

/** Two connected in-process ends; bytes are delivered asynchronously, as from a real port. */
export function createChannelPair(): [ByteChannel, ByteChannel] {
  const data: [Set<(chunk: Buffer) => void>, Set<(chunk: Buffer) => void>] = [new Set(), new Set()];
  const closes: [Set<(error?: Error) => void>, Set<(error?: Error) => void>] = [new Set(), new Set()];
  let closed = false;
  const end = (self: 0 | 1): ByteChannel => {
    const other = self === 0 ? 1 : 0;
    return {
      async write(bytes) {
        if (closed) throw new Error('the channel is closed');
        const copy = Buffer.from(bytes);
        setImmediate(() => {
          if (!closed) for (const listener of data[other]) listener(copy);
        });
      },
      onData(listener) {
        data[self].add(listener);
        return () => data[self].delete(listener);
      },
      onClose(listener) {
        closes[self].add(listener);
        return () => closes[self].delete(listener);
      },
      async close() {
        if (closed) return;
        closed = true;
        for (const set of closes) for (const listener of set) listener();
      },
      get isOpen() {
        return !closed;
      },
    };
  };
  return [end(0), end(1)];
}
