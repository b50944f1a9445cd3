import WebSocket from 'ws';
import type { Transport } from '../src/shared/rpc/transport.js';
import type { BrowserModeServer } from '../src/terminal/browser-mode.js';

/** A page's RPC connection to a browser-mode host, as the page opens it: its token, its origin. */
export async function openPage(
  server: BrowserModeServer,
  page: keyof BrowserModeServer['urls'],
): Promise<{ transport: Transport; close(): void }> {
  const token = new URL(server.urls[page]!).searchParams.get('token');
  const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/rpc?token=${token}`, { headers: { origin: server.origin } });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    transport: {
      send: (message) => socket.send(JSON.stringify(message)),
      onMessage(listener) {
        const handler = (data: WebSocket.RawData) => listener(JSON.parse(String(data)));
        socket.on('message', handler);
        return () => socket.off('message', handler);
      },
      onClose(listener) {
        socket.on('close', listener);
        return () => socket.off('close', listener);
      },
    },
    close: () => socket.close(),
  };
}
