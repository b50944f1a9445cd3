import type { z } from 'zod';
import type { RpcRole } from '../roles.js';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  roles: readonly RpcRole[];
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  summary: string;
  payload: P;
  roles: readonly RpcRole[];
}

export type MethodMap = Record<string, MethodSpec>;
export type EventMap = Record<string, EventSpec>;

/** Identity functions that keep each entry's exact schema types for inference. */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

export type InputOf<M extends MethodMap, K extends keyof M> = z.input<M[K]['input']>;
export type OutputOf<M extends MethodMap, K extends keyof M> = z.output<M[K]['output']>;
export type PayloadOf<E extends EventMap, K extends keyof E> = z.output<E[K]['payload']>;

export function methodsForRole(methods: MethodMap, role: RpcRole): string[] {
  return Object.keys(methods).filter((name) => methods[name]!.roles.includes(role));
}

export function eventsForRole(events: EventMap, role: RpcRole): string[] {
  return Object.keys(events).filter((name) => events[name]!.roles.includes(role));
}
