import { z } from 'zod';

/**
 * An HTTP endpoint between our own processes (hall server, reference platform and their clients),
 * declared once so both sides validate with the same schemas. `body: null` means no JSON body: a GET,
 * or a route whose body is raw bytes (a material upload).
 */
export interface HttpRoute<B extends z.ZodType | null = z.ZodType | null, R extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH';
  /** `:name` segments are path parameters. */
  path: string;
  body: B;
  response: R;
  query?: z.ZodType;
  summary?: string;
  /** The media type of a raw body, for routes with `body: null` that take bytes. */
  rawBody?: string;
  /** Headers the route requires, documented in the OpenAPI document. */
  requestHeaders?: readonly { name: string; description: string; required?: boolean }[];
  /** False for routes anyone may call (health, token). */
  authenticated?: boolean;
}

export function route<B extends z.ZodType | null, R extends z.ZodType>(spec: HttpRoute<B, R>): HttpRoute<B, R> {
  return spec;
}

/** The route's path with its `:name` segments filled in, each escaped. */
export function routePath(route: Pick<HttpRoute, 'path'>, params: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${route.path}`);
    return encodeURIComponent(value);
  });
}

/**
 * A request that creates something carries one of these, made once per user action and sent again
 * unchanged on every retry: the hall and the platform answer a repeat with the first answer.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Every non-2xx answer of our servers has this body: a code for code, a message for a person. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
