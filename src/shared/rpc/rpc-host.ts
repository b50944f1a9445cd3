import type { z } from 'zod';
import type { RpcRole } from '../roles.js';
import { describeIssues } from '../issues.js';
import type { EventMap, MethodMap, OutputOf, PayloadOf } from './define.js';
import { RpcError } from './errors.js';
import { describeInvalidInput } from './input-problems.js';
import { RpcRequestSchema, type RpcResponse } from './messages.js';
import type { Transport } from './transport.js';

export interface CallContext {
  role: RpcRole;
  connectionId: number;
}

/** A handler receives the input after its schema parsed it (defaults applied). */
export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (input: z.output<M[K]['input']>, context: CallContext) => Promise<OutputOf<M, K>> | OutputOf<M, K>;
};

export interface RpcHostOptions<M extends MethodMap, E extends EventMap> {
  methods: M;
  events: E;
  handlers: Handlers<M>;
  /** Tests turn this on so that a handler returning the wrong shape fails loudly instead of reaching a page. */
  validateOutput?: boolean;
  onInternalError?: (error: unknown, method: string) => void;
}

export interface RpcConnection {
  readonly id: number;
  readonly role: RpcRole;
  close(): void;
}

export interface RpcHost<E extends EventMap> {
  connect(transport: Transport, role: RpcRole): RpcConnection;
  emit<K extends keyof E & string>(event: K, payload: PayloadOf<E, K>): void;
  connectionCount(): number;
}

const INTERNAL_MESSAGE =
  '终端内部错误，请重试；若仍出现，请联系系统管理员 / Internal error in the terminal: try again, and call the administrator if it persists';

export function createRpcHost<M extends MethodMap, E extends EventMap>(options: RpcHostOptions<M, E>): RpcHost<E> {
  const { methods, events, handlers } = options;
  const connections = new Map<number, { role: RpcRole; transport: Transport }>();
  let nextConnectionId = 1;

  async function dispatch(methodName: string, rawInput: unknown, context: CallContext): Promise<unknown> {
    if (!Object.hasOwn(methods, methodName)) {
      throw new RpcError(
        'UNKNOWN_METHOD',
        `没有名为 ${methodName} 的方法 / No method named ${methodName}: check the name against the contract`,
      );
    }
    const spec = methods[methodName]!;
    if (!spec.roles.includes(context.role)) {
      throw new RpcError(
        'FORBIDDEN',
        `${roleLabel(context.role)}无权调用 ${methodName} / The ${context.role} role may not call ${methodName}`,
      );
    }
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new RpcError('INVALID_INPUT', describeInvalidInput(parsed.error.issues));
    }
    const handler = handlers[methodName as keyof M] as (input: unknown, context: CallContext) => unknown;
    const value = await handler(parsed.data, context);
    if (options.validateOutput) {
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        throw new Error(`handler for ${methodName} returned an invalid output: ${describeIssues(checked.error.issues).join('; ')}`);
      }
    }
    return value;
  }

  function toErrorResponse(id: RpcResponse['id'], error: unknown, methodName: string): RpcResponse {
    if (error instanceof RpcError) return { id, ok: false, error: { code: error.code, message: error.message } };
    options.onInternalError?.(error, methodName);
    return { id, ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } };
  }

  async function handleMessage(message: unknown, context: CallContext, transport: Transport): Promise<void> {
    const request = RpcRequestSchema.safeParse(message);
    if (!request.success) {
      const id = idOf(message);
      transport.send({
        id,
        ok: false,
        error: {
          code: 'BAD_REQUEST',
          message: `请求格式错误 / Malformed request: expected {id, method, input}; ${describeIssues(request.error.issues).join('; ')}`,
        },
      } satisfies RpcResponse);
      return;
    }
    const { id, method: methodName, input } = request.data;
    let response: RpcResponse;
    try {
      response = { id, ok: true, value: await dispatch(methodName, input, context) };
    } catch (error) {
      response = toErrorResponse(id, error, methodName);
    }
    if (connections.has(context.connectionId)) transport.send(response);
  }

  return {
    connect(transport, role) {
      const id = nextConnectionId++;
      connections.set(id, { role, transport });
      const context: CallContext = { role, connectionId: id };
      const offMessage = transport.onMessage((message) => void handleMessage(message, context, transport));
      const close = () => {
        connections.delete(id);
        offMessage();
        offClose();
      };
      const offClose = transport.onClose(close);
      return { id, role, close };
    },

    emit(eventName, payload) {
      const spec = events[eventName]!;
      const parsed = spec.payload.parse(payload);
      for (const { role, transport } of connections.values()) {
        if (spec.roles.includes(role)) transport.send({ event: eventName, payload: parsed });
      }
    },

    connectionCount: () => connections.size,
  };
}

function idOf(message: unknown): RpcResponse['id'] {
  if (typeof message === 'object' && message !== null && 'id' in message) {
    const id = (message as { id: unknown }).id;
    if ((typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isInteger(id))) return id;
  }
  return null;
}

const ROLE_LABELS: Record<RpcRole, string> = {
  operator: '窗口工作人员',
  kiosk: '自助终端',
  customer: '客户评价屏',
  board: '叫号大屏',
};

function roleLabel(role: RpcRole): string {
  return ROLE_LABELS[role];
}
