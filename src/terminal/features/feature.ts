import type { z } from 'zod';
import type { MethodName, Methods } from '../../shared/contract.js';
import type { MethodMap } from '../../shared/rpc/define.js';
import { RpcError } from '../../shared/rpc/errors.js';
import type { CallContext, Handlers } from '../../shared/rpc/rpc-host.js';

/** The handlers of a slice of the contract. */
export type FeatureHandlers<K extends MethodName> = Pick<Handlers<Methods>, K>;

/** One feature of the terminal host: the contract methods it serves, and what it runs while the host runs. */
export interface Feature<K extends MethodName = MethodName> {
  readonly name: string;
  readonly handlers: FeatureHandlers<K>;
  start?(): void;
  stop?(): void | Promise<void>;
}

/** What a guard gives a handler (the clerk on duty, the window, a service the terminal has), or it refuses the call. */
export type Guard<G> = () => G;

type GuardedHandler<N extends MethodName, G> = (
  input: z.output<Methods[N]['input']>,
  given: G,
  context: CallContext,
) => ReturnType<Handlers<Methods>[N]>;

/** Handlers behind one guard: it runs before each of them, and none of them calls it again. */
export function guarded<K extends MethodName, G>(guard: Guard<G>, handlers: { [N in K]: GuardedHandler<N, G> }): FeatureHandlers<K> {
  const entries = Object.entries(handlers as Record<string, GuardedHandler<K, G>>);
  return Object.fromEntries(
    entries.map(([name, handler]) => [name, (input: never, context: CallContext) => handler(input, guard(), context)]),
  ) as FeatureHandlers<K>;
}

/** The guard of what this terminal lacks for good (its role has no such feature, no such device): every call is refused with `message`. */
export function refuseAll(message: string): Guard<never> {
  return () => {
    throw new RpcError('REFUSED', message);
  };
}

/** A guard on something a terminal has or lacks from its start: a counter's case store, a scanner. */
export function present<T>(value: T | null | undefined, message: string): Guard<T> {
  return value === null || value === undefined ? refuseAll(message) : () => value;
}

/** Both guards, in order: the first to refuse decides the message. */
export function both<A, B>(first: Guard<A>, second: Guard<B>): Guard<[A, B]> {
  return () => [first(), second()];
}

/** Any feature, whatever it serves. */
type SomeFeature = Feature<never>;
type ServedBy<F> = F extends { readonly handlers: infer H } ? keyof H & MethodName : never;
type ServedTwice<F extends readonly SomeFeature[]> = F extends readonly [infer Head, ...infer Rest extends readonly SomeFeature[]]
  ? (ServedBy<Head> & ServedBy<Rest[number]>) | ServedTwice<Rest>
  : never;
type Unserved<F extends readonly SomeFeature[]> = Exclude<MethodName, ServedBy<F[number]>>;
/** What a list of features gets wrong, as far as the types can tell; `unknown` when nothing. */
type CompositionErrors<F extends readonly SomeFeature[]> = [Unserved<F>, ServedTwice<F>] extends [never, never]
  ? unknown
  : { readonly 'contract methods without a handler': Unserved<F>; readonly 'methods served by two features': ServedTwice<F> };

export interface Composition {
  readonly handlers: Handlers<Methods>;
  start(): void;
  /** Stops the features in the reverse order of their start. */
  stop(): Promise<void>;
}

/**
 * The features of one host, combined: every method of the contract served by exactly one of them. A
 * method served twice, or not at all, stops the host at its start (and, where the types can tell, fails typecheck).
 */
export function combineFeatures<const F extends readonly SomeFeature[]>(
  contract: MethodMap,
  features: F & CompositionErrors<F>,
): Composition {
  const owner = new Map<string, string>();
  const handlers: Record<string, unknown> = {};
  for (const feature of features as readonly SomeFeature[]) {
    for (const [name, handler] of Object.entries(feature.handlers)) {
      const first = owner.get(name);
      if (first) throw new Error(`method ${name} is served by two features, ${first} and ${feature.name}: give it to one`);
      if (!Object.hasOwn(contract, name)) throw new Error(`feature ${feature.name} serves ${name}, which is not in the contract`);
      owner.set(name, feature.name);
      handlers[name] = handler;
    }
  }
  const unserved = Object.keys(contract).filter((name) => !owner.has(name));
  if (unserved.length) throw new Error(`no feature serves the contract methods ${unserved.join(', ')}: add their handlers to a feature`);
  const list = features as readonly SomeFeature[];
  return {
    handlers: handlers as Handlers<Methods>,
    start: () => list.forEach((feature) => feature.start?.()),
    async stop() {
      for (const feature of [...list].reverse()) await feature.stop?.();
    },
  };
}
