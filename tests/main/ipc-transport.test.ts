import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ipcTransportFor, RPC_CHANNEL } from '../../src/main/ipc-transport.js';

/** Stand-ins for ipcMain and a window's webContents: event emitters with the few members the transport uses. */
function fakes() {
  const ipcMain = new EventEmitter();
  const sent: unknown[] = [];
  const contents = Object.assign(new EventEmitter(), {
    id: 7,
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send(channel: string, message: unknown) {
      expect(channel).toBe(RPC_CHANNEL);
      sent.push(message);
    },
  });
  const transport = ipcTransportFor(ipcMain as never, contents as never);
  const fromFrame = (webContentsId: number, url: string, parent: unknown = null) =>
    ({ sender: { id: webContentsId }, senderFrame: { url, parent } }) as never;
  return { ipcMain, contents, sent, transport, fromFrame };
}

describe('IPC transport', () => {
  it('hands on messages from its own window’s top frame only', () => {
    const { ipcMain, transport, fromFrame } = fakes();
    const received: unknown[] = [];
    transport.onMessage((message) => received.push(message));
    ipcMain.emit(RPC_CHANNEL, fromFrame(7, 'app://onewindow/kiosk'), { id: 1 });
    ipcMain.emit(RPC_CHANNEL, fromFrame(8, 'app://onewindow/kiosk'), { id: 2 });
    ipcMain.emit(RPC_CHANNEL, fromFrame(7, 'app://onewindow/kiosk', {}), { id: 3 });
    ipcMain.emit(RPC_CHANNEL, fromFrame(7, 'https://evil.example/'), { id: 4 });
    ipcMain.emit(RPC_CHANNEL, { sender: { id: 7 }, senderFrame: null }, { id: 5 });
    expect(received).toEqual([{ id: 1 }]);
  });

  it('sends to its window until the window is destroyed, then reports the close', () => {
    const { contents, sent, transport } = fakes();
    let closed = false;
    transport.onClose(() => (closed = true));
    transport.send({ event: 'x' });
    contents.destroyed = true;
    contents.emit('destroyed');
    transport.send({ event: 'y' });
    expect(sent).toEqual([{ event: 'x' }]);
    expect(closed).toBe(true);
  });

  it('stops listening when unsubscribed', () => {
    const { ipcMain, transport, fromFrame } = fakes();
    const received: unknown[] = [];
    const off = transport.onMessage((message) => received.push(message));
    off();
    ipcMain.emit(RPC_CHANNEL, fromFrame(7, 'app://onewindow/kiosk'), { id: 1 });
    expect(received).toEqual([]);
    expect(ipcMain.listenerCount(RPC_CHANNEL)).toBe(0);
  });
});
