import { z } from 'zod';
import { RateLimitSchema } from './rate-limit.js';
import { TERMINAL_ROLES } from './roles.js';
import { MANAGER_ROLES, ManagerIdSchema } from './manager-account.js';
import { isValidTimeZone, DEFAULT_TIME_ZONE } from './local-date.js';

export const QueueIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,31}$/,
    '队列编号只能是小写字母、数字和连字符，以字母开头 / a queue id is lowercase letters, digits and hyphens, starting with a letter',
  );

export const QueuePrefixSchema = z
  .string()
  .regex(/^[A-Z]{1,2}$/, '号码前缀应为 1–2 个大写字母，例如 A / a prefix is 1–2 capital letters, e.g. A');

export const QueueSchema = z
  .object({
    id: QueueIdSchema,
    name: z.string().min(1).max(40),
    prefix: QueuePrefixSchema,
    /** Highest number issued in a day; the width of the printed number follows from it (999 → A001). */
    maxPerDay: z.number().int().min(1).max(9999).default(999),
    /** Numbers only with an ID card on the reader, and the limits per card against scalpers (黄牛). */
    idRequired: z.boolean().default(false),
    openPerId: z.number().int().min(1).max(10).default(1),
    perIdPerDay: z.number().int().min(1).max(20).default(2),
    /** Local times between which numbers are issued, "HH:MM". */
    hours: z
      .object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) })
      .strict()
      .optional(),
  })
  .strict();
export type Queue = z.infer<typeof QueueSchema>;

/** scrypt's cost below which a PIN hash is refused: cheaper ones make a copied config quick to guess. */
export const PIN_HASH_MIN_COST = 2 ** 14;

const PinHashSchema = z
  .string()
  .regex(
    /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/,
    '应为 npm run hall:admin -- pin-hash 生成的 scrypt$… 哈希 / expected the scrypt$… hash that `npm run hall:admin -- pin-hash` prints',
  )
  .refine(
    (hash) => Number(hash.split('$')[1]) >= PIN_HASH_MIN_COST,
    `scrypt 成本过低（至少 ${PIN_HASH_MIN_COST}）/ the scrypt cost is too low (at least ${PIN_HASH_MIN_COST})`,
  );

export const ClerkIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,20}$/, '工号为 1–20 位字母、数字或连字符 / a clerk id is 1–20 letters, digits or hyphens');

export const ClerkSchema = z
  .object({
    id: ClerkIdSchema,
    name: z.string().min(1).max(20),
    /** The PIN's scrypt hash, as `npm run hall:admin -- pin-hash` prints it, or as the console sets it. */
    pinHash: PinHashSchema,
    /** The clerk's own ID card, for logging in with it and the PIN: HMAC-SHA256 of the number under idHashKey, hex. */
    idHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    /** Kept for the statistics and the log, but no longer let in at a counter. */
    disabled: z.boolean().optional(),
  })
  .strict();
export type Clerk = z.infer<typeof ClerkSchema>;

export const AppointmentRulesSchema = z
  .object({
    earlyMinutes: z.number().int().min(0).max(240).default(30),
    lateMinutes: z.number().int().min(0).max(240).default(15),
    advanceMinutes: z.number().int().min(0).max(240).default(30),
  })
  .strict();

export const EnrolledTerminalSchema = z
  .object({
    id: z.string().min(1).max(40),
    role: z.enum(TERMINAL_ROLES),
    /** A counter may move tickets at this window only. */
    window: z.number().int().min(1).max(999).optional(),
    /** sha256 of the terminal's token, hex: the hall keeps no token itself. */
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, "应为令牌的 SHA-256（64 位十六进制）/ expected the token's SHA-256 as 64 hex digits"),
  })
  .strict();
export type EnrolledTerminal = z.infer<typeof EnrolledTerminalSchema>;

export const WindowSchema = z
  .object({
    number: z.number().int().min(1).max(999),
    name: z.string().min(1).max(30),
    /** The queues this window calls from, with weights: 3 and 1 call three of the first for one of the second. */
    queues: z.array(z.object({ queueId: QueueIdSchema, weight: z.number().int().min(1).max(10).default(1) }).strict()).min(1),
  })
  .strict();
export type HallWindow = z.infer<typeof WindowSchema>;

export const CallingRulesSchema = z
  .object({
    /** A priority ticket (green channel) is called as if it had been issued this many minutes earlier: first, but not forever first. */
    priorityAdvanceMinutes: z.number().int().min(0).max(240).default(15),
    maxRecalls: z.number().int().min(0).max(10).default(3),
    /** How long after 过号 a citizen may come back and be put in line again. */
    noShowReturnMinutes: z.number().int().min(0).max(480).default(30),
    /** What the board says and shows; {number} and {window} are filled in, never a name. */
    announcement: z.string().includes('{number}').default('请{number}号到{window}号窗口办理'),
  })
  .strict();

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where phones reach the hall server from outside: the queue ticket's QR links under it. https, since
 * the link is a secret; plain http only on loopback, for the demo and tests.
 */
export const PublicUrlSchema = z
  .url({ protocol: /^https?$/, error: '应为网址，例如 https://hall.example.gov.cn / expected a URL such as https://hall.example.gov.cn' })
  .refine((url) => {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || LOOPBACK_HOSTS.has(parsed.hostname);
  }, '对外地址须以 https:// 开头（本机 127.0.0.1 除外）/ the public URL must start with https:// (except on loopback)')
  .refine((url) => !new URL(url).search && !new URL(url).hash, '对外地址不能带 ? 或 # / the public URL takes no query or fragment')
  .transform((url) => url.replace(/\/+$/, ''));

export const HallConfigSchema = z
  .object({
    hallName: z.string().min(1).max(60),
    /**
     * The hall's address as phones see it (behind the hall's reverse proxy, say), for the ticket's QR.
     * Without it, the hall links to its own address when it listens on loopback (the demo), else prints no link.
     */
    publicUrl: PublicUrlSchema.optional(),
    timeZone: z
      .string()
      .refine(isValidTimeZone, '不是有效的 IANA 时区，例如 Asia/Shanghai / not an IANA time zone, e.g. Asia/Shanghai')
      .default(DEFAULT_TIME_ZONE),
    queues: z
      .array(QueueSchema)
      .min(1)
      .superRefine((queues, ctx) => {
        const seenIds = new Set<string>();
        const seenPrefixes = new Set<string>();
        queues.forEach((queue, index) => {
          if (seenIds.has(queue.id)) {
            ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `队列编号 ${queue.id} 重复 / duplicate queue id` });
          }
          if (seenPrefixes.has(queue.prefix)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'prefix'],
              message: `号码前缀 ${queue.prefix} 已被其他队列使用 / prefix already used by another queue`,
            });
          }
          seenIds.add(queue.id);
          seenPrefixes.add(queue.prefix);
        });
      }),
    windows: z.array(WindowSchema).default([]),
    /** Clerks who may log in at a counter; when there are any, a window calls only with a clerk logged in. */
    clerks: z.array(ClerkSchema).default([]),
    /** Who may log in to the hall's console: managers, and supervisors (监察) who only look. */
    managers: z
      .array(
        z
          .object({
            id: ManagerIdSchema,
            name: z.string().min(1).max(20),
            role: z.enum(MANAGER_ROLES),
            /** The password's scrypt hash, as `npm run hall:admin -- password-hash` prints it. */
            passwordHash: PinHashSchema,
          })
          .strict(),
      )
      .default([]),
    /** Terminals allowed to use the hall API. Empty: the API is open, for development only. */
    terminals: z.array(EnrolledTerminalSchema).default([]),
    /** Citizens this old (by the birth date in their ID number) get the green channel automatically. */
    greenChannelAge: z.number().int().min(50).max(120).default(70),
    /** Appointment check-in: how early and how late around the booked slot, and how far ahead the ticket goes. */
    appointments: AppointmentRulesSchema.default({ earlyMinutes: 30, lateMinutes: 15, advanceMinutes: 30 }),
    /**
     * Numbers each kiosk holds per queue for when no hall server answers (离线取号): enough for `coverMinutes`
     * at the kiosk's rate of the last hour, at least `minimum` (0: kiosks issue nothing offline) and at most
     * `maximum`; a lease is good for `leaseHours` and its own day.
     */
    offlineTickets: z
      .object({
        coverMinutes: z.number().int().min(1).max(240).default(30),
        // Ten at least: a kiosk with no history yet (the morning's first minutes) should not run dry in the first minutes of an outage.
        minimum: z.number().int().min(0).max(50).default(10),
        maximum: z.number().int().min(1).max(200).default(50),
        leaseHours: z.number().min(0.01).max(24).default(12),
      })
      .strict()
      .default({ coverMinutes: 30, minimum: 10, maximum: 50, leaseHours: 12 }),
    /** How long the hall keeps what a citizen prepared at a kiosk (预填码) when no counter opens it. */
    prefillKeepHours: z.number().int().min(1).max(168).default(24),
    /** Working days a 差评's work order has from the rating to 回访 (places set 5 or 15), by the holiday calendar. */
    followUpWorkingDays: z.number().int().min(1).max(30).default(5),
    /** 电子监察's cards: a 承诺件 this many working days or fewer from its promised date gets a 黄牌 (past it, a 红牌). */
    yellowCardWorkingDays: z.number().int().min(0).max(30).default(2),
    rateLimit: RateLimitSchema,
    /** The event stream's heartbeat: a terminal that hears nothing for two of these declares the hall link down and reconnects. */
    eventStream: z
      .object({ heartbeatSeconds: z.number().min(0.05).max(60).default(3) })
      .strict()
      .default({ heartbeatSeconds: 3 }),
    /** Key of the hash under which ID numbers are kept (for the limits per card); at least 16 characters. */
    idHashKey: z.string().min(16).optional(),
    /**
     * The hall server's own enrolment with the platform (an entry with role "hall" there), to anchor its
     * event log as counters anchor their audit trails: every `anchorSeconds` and at stop. Without it a
     * log cut at its end or rewritten whole cannot be told from an intact one.
     */
    platform: z
      .object({
        url: z
          .url({
            protocol: /^https?$/,
            error: '应为平台网址，例如 https://platform.example.gov.cn / expected the platform URL, e.g. https://platform.example.gov.cn',
          })
          .transform((url) => url.replace(/\/+$/, '')),
        terminalId: z.string().min(1).max(40),
        secret: z.string().min(16, '平台登记密钥至少 16 个字符 / the platform secret has at least 16 characters'),
        anchorSeconds: z.number().int().min(5).max(3600).default(60),
      })
      .strict()
      .optional(),
    calling: CallingRulesSchema.default({
      priorityAdvanceMinutes: 15,
      maxRecalls: 3,
      noShowReturnMinutes: 30,
      announcement: '请{number}号到{window}号窗口办理',
    }),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.clerks.some((clerk) => clerk.idHash) && !config.idHashKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['idHashKey'],
        message: '工作人员用身份证登录时必须配置 idHashKey / idHashKey is required when clerks log in with their ID card',
      });
    }
    if (config.queues.some((queue) => queue.idRequired) && !config.idHashKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['idHashKey'],
        message: '有队列要求刷身份证取号时必须配置 idHashKey / idHashKey is required when a queue requires an ID card',
      });
    }
    config.managers.forEach((manager, index) => {
      if (config.managers.findIndex((other) => other.id === manager.id) !== index)
        ctx.addIssue({
          code: 'custom',
          path: ['managers', index, 'id'],
          message: `管理台账号 ${manager.id} 重复 / duplicate console account`,
        });
    });
    config.clerks.forEach((clerk, index) => {
      if (config.clerks.findIndex((other) => other.id === clerk.id) !== index)
        ctx.addIssue({ code: 'custom', path: ['clerks', index, 'id'], message: `工号 ${clerk.id} 重复 / duplicate clerk id` });
    });
    config.terminals.forEach((terminal, index) => {
      if (terminal.role === 'counter' && terminal.window === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['terminals', index, 'window'],
          message: '窗口终端必须指定窗口号 / a counter terminal needs its window',
        });
      }
    });
    const queueIds = new Set(config.queues.map((queue) => queue.id));
    const numbers = new Set<number>();
    config.windows.forEach((window, index) => {
      if (numbers.has(window.number))
        ctx.addIssue({
          code: 'custom',
          path: ['windows', index, 'number'],
          message: `窗口号 ${window.number} 重复 / duplicate window number`,
        });
      numbers.add(window.number);
      window.queues.forEach((served, servedIndex) => {
        if (!queueIds.has(served.queueId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['windows', index, 'queues', servedIndex, 'queueId'],
            message: `没有编号为 ${served.queueId} 的队列 / no queue ${served.queueId}; choose one of ${[...queueIds].join(', ')}`,
          });
        }
      });
    });
  });
export type HallConfig = z.infer<typeof HallConfigSchema>;
