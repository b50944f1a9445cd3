import { z } from 'zod';

/**
 * An HTTP endpoint between our own processes (hall server, reference platform and their clients),
 * declared once so both sides validate with the same schemas.
 */
export interface HttpRoute<B extends z.ZodType | null = z.ZodType | null, R extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  body: B;
  response: R;
}

export function route<B extends z.ZodType | null, R extends z.ZodType>(spec: HttpRoute<B, R>): HttpRoute<B, R> {
  return spec;
}

/** Every non-2xx answer of our servers has this body: a code for code, a message for a person. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
