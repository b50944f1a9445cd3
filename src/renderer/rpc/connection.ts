import { bothLanguages } from '../i18n/index.js';
import { backoffDelayMs } from '../../shared/backoff.js';
import type { Events, Methods } from '../../shared/contract.js';
import { createRpcClient } from '../../shared/rpc/client.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { Transport } from '../../shared/rpc/transport.js';
import type { OneWindowBridge } from './bridge.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface RendererRpc extends OneWindowBridge {
  state(): ConnectionState;
  onState(listener: (state: ConnectionState) => void): () => void;
}

const RECONNECT_BACKOFF = { baseMs: 250, capMs: 5000 };

/**
 * The page's way to the terminal host: the Electron preload's bridge where there is one, otherwise a
 * WebSocket to the browser-mode server that reconnects by itself. Pages cannot tell which they have.
 */
export function connectRpc(): RendererRpc {
  if (window.onewindow) {
    const bridge = window.onewindow;
    return { invoke: bridge.invoke, on: bridge.on, state: () => 'open', onState: () => () => {} };
  }
  return connectWebSocket(new URLSearchParams(location.search).get('token') ?? '');
}

function connectWebSocket(token: string): RendererRpc {
  const messageListeners = new Set<(message: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | undefined;
  let attempt = 0;

  const transport: Transport = {
    send: (message) => socket?.send(JSON.stringify(message)),
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onClose: () => () => {},
  };
  const client = createRpcClient<Methods, Events>(transport);

  function setState(next: ConnectionState): void {
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function open(): void {
    setState('connecting');
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc?token=${encodeURIComponent(token)}`);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (event) => {
      let message: unknown;
      try {
        message = JSON.parse(String(event.data));
      } catch {
        return;
      }
      for (const listener of messageListeners) listener(message);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      client.failPending(new RpcError('UNAVAILABLE', bothLanguages('connectionLost')));
      setState('closed');
      attempt += 1;
      setTimeout(open, backoffDelayMs(attempt, RECONNECT_BACKOFF));
    };
  }
  open();

  return {
    invoke(method, input) {
      if (state !== 'open') return Promise.reject(new RpcError('UNAVAILABLE', bothLanguages('connectionLost')));
      return client.invoke(method, input);
    },
    on: client.on,
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
