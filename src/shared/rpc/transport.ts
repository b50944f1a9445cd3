/**
 * What the RPC host and client need from a channel. A MessagePort (Electron), a WebSocket (browser mode),
 * the relay over a host child's IPC and the in-memory pair all provide it, so neither side knows which one
 * it has.
 */
export interface Transport {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  onClose(listener: () => void): () => void;
  /** Ends the channel from this side, e.g. the shell cutting a page whose host process died, so that the page reconnects. */
  close?(): void;
}

/** The part of Electron's MessagePortMain (main and utility processes) a transport needs. */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** One page's MessagePort as a Transport; messages are structured clones, so no JSON on the way. */
export function messagePortTransport(port: MessagePortMainLike): Transport {
  return {
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      const handler = (event: { data: unknown }) => listener(event.data);
      port.on('message', handler);
      // A port queues what arrives until it is started: start it once someone listens.
      port.start();
      return () => port.off('message', handler);
    },
    onClose(listener) {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
    close: () => port.close(),
  };
}

/**
 * Two connected ends in one process, for tests and for a host that serves a window in the same process.
 * Delivery is asynchronous, like every real transport, and messages are cloned so that neither side can
 * keep a reference into the other's objects.
 */
export function createMemoryTransportPair(): [Transport, Transport] {
  const listeners: [Set<(message: unknown) => void>, Set<(message: unknown) => void>] = [new Set(), new Set()];
  const closeListeners: [Set<() => void>, Set<() => void>] = [new Set(), new Set()];
  let closed = false;

  const end = (self: 0 | 1): Transport & { close(): void } => {
    const other = self === 0 ? 1 : 0;
    return {
      send(message) {
        if (closed) return;
        const copy = structuredClone(message);
        queueMicrotask(() => {
          if (!closed) for (const listener of listeners[other]) listener(copy);
        });
      },
      onMessage(listener) {
        listeners[self].add(listener);
        return () => listeners[self].delete(listener);
      },
      onClose(listener) {
        closeListeners[self].add(listener);
        return () => closeListeners[self].delete(listener);
      },
      close() {
        if (closed) return;
        closed = true;
        for (const set of closeListeners) for (const listener of set) listener();
      },
    };
  };
  return [end(0), end(1)];
}
