import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { Transport } from '../shared/rpc/transport.js';
import { ipcSenderAllowed } from './policies.js';

export const RPC_CHANNEL = 'onewindow:rpc';

/**
 * One window's end of the RPC over Electron IPC. Messages from any other webContents, from a subframe,
 * or from a page that is not the app's own are dropped before they reach the host.
 */
export function ipcTransportFor(
  ipcMain: Pick<IpcMain, 'on' | 'off'>,
  contents: Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'once' | 'off'>,
): Transport {
  return {
    send(message) {
      if (!contents.isDestroyed()) contents.send(RPC_CHANNEL, message);
    },
    onMessage(listener) {
      const handler = (event: IpcMainEvent, message: unknown) => {
        const frame = event.senderFrame;
        const allowed = ipcSenderAllowed(
          { webContentsId: event.sender.id, frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null },
          contents.id,
        );
        if (allowed) listener(message);
      };
      ipcMain.on(RPC_CHANNEL, handler);
      return () => ipcMain.off(RPC_CHANNEL, handler);
    },
    onClose(listener) {
      contents.once('destroyed', listener);
      return () => contents.off('destroyed', listener);
    },
  };
}
