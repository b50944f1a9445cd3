import type { WebSocket } from 'ws';
import type { Transport } from '../shared/rpc/transport.js';

/** WebSocket close code 1012: the page reconnects, as on any close, once the host is back. */
const SERVICE_RESTART_CLOSE_CODE = 1012;

/** A server-side WebSocket as a Transport: JSON text frames. Text that is not JSON is handed on as it is, so the host can answer it with BAD_REQUEST. */
export function webSocketTransport(socket: WebSocket): Transport {
  return {
    send(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    onMessage(listener) {
      const handler = (data: Buffer, isBinary: boolean) => {
        const text = isBinary ? '' : data.toString('utf8');
        let message: unknown = text;
        try {
          message = JSON.parse(text);
        } catch {
          // Not JSON: the host answers it with BAD_REQUEST.
        }
        listener(message);
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
    close: () => socket.close(SERVICE_RESTART_CLOSE_CODE, 'terminal host restarting'),
  };
}
