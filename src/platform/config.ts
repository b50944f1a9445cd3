import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { loadConfigFile } from '../shared/config-file.js';
import { RateLimitSchema } from '../shared/rate-limit.js';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../shared/local-date.js';

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, '应为密钥的 SHA-256（64 位小写十六进制）/ expected the SHA-256 of the secret, 64 lowercase hex digits');

/** The reference platform's enrolment list and back-office behaviour. */
export const PlatformConfigSchema = z
  .object({
    /**
     * The enrolled terminals; each proves itself with a secret whose SHA-256 is kept here. `hall`: the
     * hall it stands in — it sees and hands out that hall's cases only. `role`: a counter takes cases in
     * and hands them out; a kiosk only looks up a case's progress, masked; a board (enrolled or not) sees
     * no case at all; a hall is the hall server, which only anchors its own event log.
     */
    terminals: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            secretSha256: sha256Hex,
            hall: z.string().min(1, '请写明终端所在的大厅 / name the hall the terminal stands in').max(60),
            role: z.enum(['counter', 'kiosk', 'board', 'hall']),
          })
          .strict(),
      )
      .min(1, '至少登记一台终端 / enrol at least one terminal'),
    /** The back-office console's token (SHA-256), for the advance route. */
    adminTokenSha256: sha256Hex.optional(),
    rateLimit: RateLimitSchema,
    /**
     * 进度查询 per terminal per minute, on top of `rateLimit`: a citizen looks up a case or two, a script
     * trying numbers and codes thousands. Off with `rateLimit: false`.
     */
    progressPerMinute: z.number().int().min(1).max(10_000).default(30),
    tokenTtlSeconds: z.number().int().min(10).max(86400).default(3600),
    timeZone: z.string().refine(isValidTimeZone, '不是有效的 IANA 时区 / not a valid IANA time zone').default(DEFAULT_TIME_ZONE),
    /** The demo's back office moves every open case one step on at this interval; off when not set. */
    autoAdvanceSeconds: z.number().min(1).max(3600).optional(),
  })
  .strict();
export type PlatformConfig = z.output<typeof PlatformConfigSchema>;

export function loadPlatformConfig(file: string): PlatformConfig {
  return loadConfigFile(file, PlatformConfigSchema, (path) => readFileSync(path, 'utf8'));
}
