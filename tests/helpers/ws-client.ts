import WebSocket from 'ws';

export interface TestSocket {
  socket: WebSocket;
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  events: { event: string; payload: unknown }[];
  close(): void;
}

/** A raw WebSocket RPC client for tests, opened with the given Origin header. */
export function openTestSocket(url: string, origin: string): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { origin } });
    const waiting = new Map<number, (reply: never) => void>();
    const events: TestSocket['events'] = [];
    let nextId = 1;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id?: number; event?: string; payload?: unknown };
      if (message.event) events.push({ event: message.event, payload: message.payload });
      else waiting.get(message.id!)?.(message as never);
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        events,
        call: (method, input) =>
          new Promise((done) => {
            const id = nextId++;
            waiting.set(id, done);
            socket.send(JSON.stringify({ id, method, input }));
          }),
        close: () => socket.close(),
      }),
    );
  });
}
