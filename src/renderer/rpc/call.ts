import type { MethodName, Methods } from '../../shared/contract.js';
import type { InputOf, OutputOf } from '../../shared/rpc/define.js';
import { createActionIds } from './action-ids.js';
import type { RendererRpc } from './connection.js';

/** The methods that create something and take a request id, so that a repeat is answered with the first answer. */
export type CreatingMethod = { [K in MethodName]: InputOf<Methods, K> extends { requestId: string } ? K : never }[MethodName];
type WithoutRequestId<T> = T extends unknown ? Omit<T, 'requestId'> : never;

/** What a screen's work may ask of its host: a call, or a call that creates something (取号, 签到, 预填码, 受理). */
export interface Host {
  invoke: RendererRpc['invoke'];
  /** The request id is kept while no answer came, and the same thing is asked again (see action-ids.ts). */
  create<K extends CreatingMethod>(method: K, input: WithoutRequestId<InputOf<Methods, K>>): Promise<OutputOf<Methods, K>>;
}

export interface CallState {
  busy: boolean;
  /** The message of the last failure, Chinese first, as the host worded it; or what the screen found wrong. */
  error: string | undefined;
}

export interface CallOptions<T> {
  onAnswer?(value: T): void;
  onFailure?(message: string): void;
  /** One run at a time: a second press while the first runs (even within one frame) does nothing. */
  exclusive?: boolean;
  /** Only the last run counts: an answer or failure of a run started before it is dropped (what was asked has changed). */
  latestOnly?: boolean;
}

/**
 * The state of one action of a screen, without React: runs its work against the host, busy while any run
 * runs, the message of its failure, and its answer handed on. `useCall` keeps one per component.
 */
export function createCall<A extends unknown[], T>(
  rpc: RendererRpc,
  initial: { work: (host: Host, ...args: A) => Promise<T>; options: CallOptions<T> },
) {
  const ids = createActionIds();
  const host: Host = {
    invoke: rpc.invoke,
    create: (method, input) =>
      ids.run({ method, input }, (requestId) => rpc.invoke(method, { ...input, requestId } as InputOf<Methods, typeof method>)),
  };
  let current = initial;
  let state: CallState = { busy: false, error: undefined };
  let running = 0;
  let started = 0;
  const listeners = new Set<() => void>();

  function set(next: Partial<CallState>): void {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  }

  return {
    /** The work and callbacks of the latest render: a run always uses the newest. */
    update(next: typeof initial): void {
      current = next;
    },
    state: () => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The answer, or undefined when the run failed, was dropped or superseded. */
    async run(...args: A): Promise<T | undefined> {
      const { work, options } = current;
      if (options.exclusive && running > 0) return undefined;
      const mine = ++started;
      running += 1;
      set({ busy: true, error: undefined });
      const counts = () => !options.latestOnly || mine === started;
      try {
        const value = await work(host, ...args);
        if (!counts()) return undefined;
        current.options.onAnswer?.(value);
        return value;
      } catch (failure) {
        if (!counts()) return undefined;
        const message = (failure as Error).message;
        set({ error: message });
        current.options.onFailure?.(message);
        return undefined;
      } finally {
        running -= 1;
        if (running === 0) set({ busy: false });
      }
    },
    dismiss: () => set({ error: undefined }),
    /** What the screen itself found wrong before asking (a card missing, a code mistyped), shown as a failure would be. */
    fail: (message: string) => set({ error: message }),
  };
}

export type Call<A extends unknown[], T> = ReturnType<typeof createCall<A, T>>;
