import { z } from 'zod';

/** How many requests a caller may make per minute; `false` turns limits off (benchmarks, fuzzing). */
export const RateLimitSchema = z
  .union([
    z.literal(false),
    z
      .object({
        /** Per terminal token, or per address for calls without one. */
        perMinute: z.number().int().min(10).max(1_000_000).default(1200),
        /** Per address, on the routes that trade a code or secret for a token: guessing is slow. */
        credentialPerMinute: z.number().int().min(1).max(10_000).default(30),
      })
      .strict(),
  ])
  .default({ perMinute: 1200, credentialPerMinute: 30 });
export type RateLimit = z.output<typeof RateLimitSchema>;
