import { contextBridge, ipcRenderer } from 'electron';
import type { Events, Methods } from '../shared/contract.js';
import { createRpcClient } from '../shared/rpc/client.js';
import { RpcError } from '../shared/rpc/errors.js';
import type { Transport } from '../shared/rpc/transport.js';
import { grantFromArgv, PORT_CHANNEL } from './policies.js';

/**
 * The only thing a window's page gets from the shell: `window.onewindow = {invoke, on}`, limited to the
 * methods and events of that window's role. The host checks the role again; this keeps other methods
 * from even being tried. The calls travel over a MessagePort to the host process that the shell posts
 * here (again after the host restarts); the page never sees the port.
 */
const grant = grantFromArgv(process.argv);
const allowedMethods = new Set(grant.methods);
const allowedEvents = new Set(grant.events);
const LOST =
  "与本机终端服务的连接已断开，正在重连，请稍候再试 / Lost the connection to this terminal's host: reconnecting, try again in a moment";

let port: MessagePort | undefined;
const waiting: unknown[] = [];
const listeners = new Set<(message: unknown) => void>();
const transport: Transport = {
  send(message) {
    if (port) port.postMessage(message);
    else waiting.push(message);
  },
  onMessage(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  onClose: () => () => {},
};
const client = createRpcClient<Methods, Events>(transport);

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const next = event.ports[0];
  if (!next) return;
  if (port) {
    // A new port means the host started again: what was asked of the old one will never be answered.
    port.close();
    client.failPending(new RpcError('UNAVAILABLE', LOST));
  }
  port = next;
  port.onmessage = (message) => {
    for (const listener of listeners) listener(message.data);
  };
  for (const message of waiting.splice(0)) port.postMessage(message);
});

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
