import { contextBridge, ipcRenderer } from 'electron';
import type { Events, Methods } from '../shared/contract.js';
import { createRpcClient } from '../shared/rpc/client.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { Transport } from '../shared/rpc/transport.js';
import { RPC_CHANNEL } from './ipc-transport.js';
import { grantFromArgv } from './policies.js';

/**
 * The only thing a window's page gets from the shell: `window.onewindow = {invoke, on}`, limited to the
 * methods and events of that window's role. The host checks the role again; this keeps other methods
 * from even being tried.
 */
const grant = grantFromArgv(process.argv);
const allowedMethods = new Set(grant.methods);
const allowedEvents = new Set(grant.events);

const transport: Transport = {
  send: (message) => ipcRenderer.send(RPC_CHANNEL, message),
  onMessage(listener) {
    const handler = (_event: unknown, message: unknown) => listener(message);
    ipcRenderer.on(RPC_CHANNEL, handler);
    return () => ipcRenderer.off(RPC_CHANNEL, handler);
  },
  onClose: () => () => {},
};
const client = createRpcClient<Methods, Events>(transport);

contextBridge.exposeInMainWorld('onewindow', {
  invoke(method: string, input: unknown) {
    if (!allowedMethods.has(method)) {
      return Promise.reject(new RpcError('FORBIDDEN', `本窗口无权调用 ${method} / This window may not call ${method}`));
    }
    return client.invoke(method as keyof Methods & string, input as never);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!allowedEvents.has(event)) return () => {};
    return client.on(event as keyof Events & string, listener);
  },
});
