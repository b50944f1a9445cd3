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
  /** The media type of a response that is not JSON (a CSV file, a page); the response schema is then its text. */
  responseMediaType?: string;
  query?: z.ZodType;
  summary?: string;
  /** The media type of a raw body, for routes with `body: null` that take bytes. */
  rawBody?: string;
  /** Headers the route requires, documented in the OpenAPI document. */
  requestHeaders?: readonly { name: string; description: string; required?: boolean }[];
  /** False for routes anyone may call (health, token); a cookie's name for routes a browser session opens, not a token. */
  authenticated?: boolean | { cookie: string };
}

/** Declares a route, keeping its literal path and its query schema's type for the clients derived from it. */
export function route<const S extends HttpRoute>(spec: S): S {
  return spec;
}

/** The `:name` segments of a route's path. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The route's path with its `:name` segments filled in, each escaped. */
export function routePath(route: Pick<HttpRoute, 'path'>, params: Partial<Record<string, string>> = {}): string {
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
