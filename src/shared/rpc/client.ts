import type { EventMap, InputOf, MethodMap, OutputOf, PayloadOf } from './define.js';
import { RPC_ERROR_CODES, RpcError, type RpcErrorCode } from './errors.js';
import type { Transport } from './transport.js';

/**
 * The calling side. It imports the contract's types only, so a renderer bundle carries no schemas:
 * the host validates everything that arrives.
 */
export interface RpcClient<M extends MethodMap, E extends EventMap> {
  invoke<K extends keyof M & string>(method: K, input: InputOf<M, K>): Promise<OutputOf<M, K>>;
  on<K extends keyof E & string>(event: K, listener: (payload: PayloadOf<E, K>) => void): () => void;
  /** Fails every call still waiting, e.g. when the connection under it is gone. */
  failPending(error: RpcError): void;
  dispose(): void;
}

export interface RpcClientOptions {
  timeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: RpcError): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createRpcClient<M extends MethodMap, E extends EventMap>(
  transport: Transport,
  options: RpcClientOptions = {},
): RpcClient<M, E> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: never) => void>>();
  let nextId = 1;

  const offMessage = transport.onMessage((message) => {
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    if (typeof record.event === 'string') {
      for (const listener of listeners.get(record.event) ?? []) listener(record.payload as never);
      return;
    }
    if (typeof record.id !== 'number') return;
    const waiting = pending.get(record.id);
    if (!waiting) return;
    pending.delete(record.id);
    clearTimeout(waiting.timer);
    if (record.ok === true) {
      waiting.resolve(record.value);
    } else {
      waiting.reject(toRpcError(record.error));
    }
  });

  function failPending(error: RpcError): void {
    for (const [id, waiting] of pending) {
      pending.delete(id);
      clearTimeout(waiting.timer);
      waiting.reject(error);
    }
  }

  return {
    invoke(method, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new RpcError(
              'TIMEOUT',
              `终端主机 ${timeoutMs / 1000} 秒内没有响应，请重试 / No answer from the terminal host within ${timeoutMs} ms (${method}): try again`,
            ),
          );
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
        transport.send({ id, method, input });
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    failPending,
    dispose() {
      offMessage();
      failPending(new RpcError('UNAVAILABLE', '连接已关闭 / The connection was closed'));
      listeners.clear();
    },
  };
}

function toRpcError(body: unknown): RpcError {
  if (typeof body === 'object' && body !== null) {
    const { code, message } = body as { code?: unknown; message?: unknown };
    if (typeof message === 'string' && RPC_ERROR_CODES.includes(code as RpcErrorCode)) {
      return new RpcError(code as RpcErrorCode, message);
    }
  }
  return new RpcError('INTERNAL', '终端主机返回了无法识别的错误 / The terminal host answered with an unrecognised error');
}
