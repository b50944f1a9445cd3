import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type { EventName, Events, MethodName, Methods } from '../../shared/contract.js';
import type { InputOf, OutputOf, PayloadOf } from '../../shared/rpc/define.js';
import type { ConnectionState, RendererRpc } from './connection.js';

export const RpcContext = createContext<RendererRpc | null>(null);

export function useRpc(): RendererRpc {
  const rpc = useContext(RpcContext);
  if (!rpc) throw new Error('useRpc needs an RpcContext provider');
  return rpc;
}

export function useConnectionState(): ConnectionState {
  const rpc = useRpc();
  return useSyncExternalStore(rpc.onState, rpc.state);
}

/**
 * Runs `listener` each time the connection to the host opens again after it was lost: the host may have
 * been started anew meanwhile, and what it held only in memory (a card just read) is gone.
 */
export function useReconnected(listener: () => void): void {
  const rpc = useRpc();
  useEffect(() => {
    let lost = false;
    return rpc.onState((state) => {
      if (state !== 'open') lost = true;
      else if (lost) {
        lost = false;
        listener();
      }
    });
  }, [rpc, listener]);
}

export function useEvent<K extends EventName>(event: K, listener: (payload: PayloadOf<Events, K>) => void): void {
  const rpc = useRpc();
  useEffect(() => rpc.on(event, listener), [rpc, event, listener]);
}

/**
 * For calls whose failure no one is shown (ending a visit, a page error for the log, speech): sends the call
 * and gives its answer, or undefined when it failed.
 */
export function useSend(): <K extends MethodName>(method: K, input: InputOf<Methods, K>) => Promise<OutputOf<Methods, K> | undefined> {
  const rpc = useRpc();
  return useCallback((method, input) => rpc.invoke(method, input).catch(() => undefined), [rpc]);
}

export interface Query<T> {
  data: T | undefined;
  error: string | undefined;
  reload(): void;
}

export interface QueryOptions {
  /** Events after which the data is stale. */
  refreshOn?: readonly EventName[];
}

/** How soon a query that failed because something was out of reach is asked again. */
const RETRY_MS = 5000;
const TRANSIENT: readonly string[] = ['UNAVAILABLE', 'TIMEOUT'];

/**
 * Calls a method when the connection opens, again after every reconnect, whenever the input changes
 * (an answer to an input no longer asked is dropped), and whenever one of the given events arrives, so a
 * page never shows data from before an outage as if it were current. A call that failed because the hall
 * or the platform was out of reach is asked again when a link comes back and every few seconds meanwhile:
 * a screen recovers by itself, without a reload. With `null` for the input nothing is asked and nothing is held.
 */
export function useQuery<K extends MethodName>(
  method: K,
  input: InputOf<Methods, K> | null,
  { refreshOn = [] }: QueryOptions = {},
): Query<OutputOf<Methods, K>> {
  const rpc = useRpc();
  const connection = useConnectionState();
  const [data, setData] = useState<OutputOf<Methods, K>>();
  const [error, setError] = useState<string>();
  const [transient, setTransient] = useState(false);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const inputKey = JSON.stringify(input);

  // A layout effect sends the call before the browser paints the first frame, not after it: on a
  // kiosk's cold start that first paint (CJK fonts) is the slowest step, and the data can be on its way meanwhile.
  useLayoutEffect(() => {
    const asked = JSON.parse(inputKey) as InputOf<Methods, K> | null;
    if (asked === null) {
      setData(undefined);
      setError(undefined);
      setTransient(false);
      return;
    }
    if (connection !== 'open') return;
    let live = true;
    rpc.invoke(method, asked).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
        setTransient(false);
      },
      (failure: Error & { code?: string }) => {
        if (!live) return;
        setError(failure.message);
        setTransient(TRANSIENT.includes(failure.code ?? ''));
      },
    );
    return () => {
      live = false;
    };
  }, [rpc, method, inputKey, connection, generation]);

  const refreshKey = refreshOn.join(',');
  useEffect(() => {
    const offs = refreshKey ? refreshKey.split(',').map((event) => rpc.on(event as EventName, reload)) : [];
    return () => offs.forEach((off) => off());
  }, [rpc, refreshKey, reload]);

  useEffect(() => {
    if (!transient) return;
    const timer = setTimeout(reload, RETRY_MS);
    const off = rpc.on('system.linkStatus', reload);
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [rpc, transient, generation, reload]);

  return { data, error, reload };
}
