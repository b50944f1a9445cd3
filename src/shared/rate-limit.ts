import { z } from 'zod';

/** How many requests a caller may make per minute; `false` turns limits off (benchmarks, fuzzing). */
export const RateLimitSchema = z
  .union([
    z.literal(false),
    z
      .object({
        /** Per verified terminal, or per address for calls whose credentials do not verify. */
        perMinute: z.number().int().min(10).max(1_000_000).default(1200),
        /** Per address, on the routes that trade a code or secret for a token: guessing is slow. */
        credentialPerMinute: z.number().int().min(1).max(10_000).default(30),
        /** Per terminal, or per address, WebSocket upgrades of the event stream: a terminal reconnects a few times a minute at most. */
        upgradesPerMinute: z.number().int().min(1).max(100_000).default(60),
      })
      .strict(),
  ])
  .default({ perMinute: 1200, credentialPerMinute: 30, upgradesPerMinute: 60 });
export type RateLimit = z.output<typeof RateLimitSchema>;
