/**
 * What the RPC host and client need from a channel. Electron IPC, WebSocket and the in-memory pair all
 * provide it, so neither side knows which one it has.
 */
export interface Transport {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
  onClose(listener: () => void): () => void;
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
