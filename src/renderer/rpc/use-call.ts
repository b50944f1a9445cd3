import { useRef, useSyncExternalStore } from 'react';
import { createCall, type Call, type CallOptions, type Host } from './call.js';
import { useRpc } from './hooks.js';

/**
 * A screen's call to its host behind a button (or on a change of what is asked): busy while it runs, so
 * the button can say so and not be pressed twice; the message of its failure to show; what to do with its
 * answer. The work gets the host and may make more than one call; nothing else in a page reaches the host.
 */
export function useCall<A extends unknown[], T>(work: (host: Host, ...args: A) => Promise<T>, options: CallOptions<T> = {}) {
  const rpc = useRpc();
  const call = useRef<Call<A, T>>(null);
  call.current ??= createCall(rpc, { work, options });
  call.current.update({ work, options });
  const { busy, error } = useSyncExternalStore(call.current.subscribe, call.current.state);
  const { run, dismiss, fail } = call.current;
  return { run, busy, error, dismiss, fail };
}
