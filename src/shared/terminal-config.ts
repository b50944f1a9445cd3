import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from './local-date.js';
import { TERMINAL_ROLES } from './roles.js';

/**
 * One file per terminal. Everything a hall's technician sets when installing a kiosk or a counter PC
 * lives here, and a wrong value is refused at start with the key and what is allowed.
 */
const httpUrl = z
  .url({ protocol: /^https?$/, error: '应为 http:// 或 https:// 开头的地址 / expected an http:// or https:// URL' })
  .transform((url) => url.replace(/\/+$/, ''));

export const TerminalIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, '终端编号只能是字母、数字和连字符 / letters, digits and hyphens only');

export const PRINTER_PROFILES = ['58mm-gbk', '58mm-gb18030', '80mm-gbk', '80mm-gb18030'] as const;
export const SERIAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

const serialPort = z.object({
  port: z.string().min(1, '串口路径不能为空，例如 /dev/ttyUSB0 或 COM3 / the serial port path is empty, e.g. /dev/ttyUSB0 or COM3'),
  baud: z.union(SERIAL_BAUD_RATES.map((rate) => z.literal(rate))).default(115200),
});

const idcardOptions = {
  pollIntervalMs: z.number().int().min(100).max(5000).default(400),
  /** Read with 30 10: the fingerprint block is kept with the card, never interpreted. */
  fingerprint: z.boolean().default(false),
  /** A vendor's licensed WLT photo decoder, where the hall has one installed. */
  wltDecoder: z
    .object({ kind: z.enum(['libwlt2bmp', 'wltrs']), path: z.string().min(1), symbol: z.string().optional() })
    .strict()
    .optional(),
};

const printer = z
  .object({
    url: z
      .string()
      .regex(
        /^(tcp:\/\/[^/\s:]+:\d{1,5}|serial:[^?\s]+(\?baud=\d+)?|usb:[0-9a-fA-F]{4}:[0-9a-fA-F]{4})$/,
        '应为 tcp://HOST:PORT、serial:PATH[?baud=N] 或 usb:VID:PID / expected tcp://HOST:PORT, serial:PATH[?baud=N] or usb:VID:PID',
      ),
    profile: z.enum(PRINTER_PROFILES).default('80mm-gb18030'),
    /** native: GS ( k; image: the QR as a raster, for printers without native QR. */
    qr: z.enum(['native', 'image']).default('native'),
    cut: z.boolean().default(true),
  })
  .strict();

const windowDisplayOptions = {
  /** The strip's address on its line (its DIP switches), 1–254. */
  address: z.number().int().min(1).max(254).default(1),
  /** GB2312 suits most strips; GB18030 for the rarer characters of some names of places. */
  encoding: z.enum(['gb2312', 'gb18030']).default('gb2312'),
  brightness: z.number().int().min(0).max(15).default(8),
};

export const DevicesConfigSchema = z
  .object({
    idcard: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('serial'), ...serialPort.shape, ...idcardOptions }).strict(),
        z.object({ kind: z.literal('simulated'), ...idcardOptions }).strict(),
      ])
      .optional(),
    printer: printer.optional(),
    /** Printers a job goes to, in order, when the main one cannot print. */
    fallbackPrinters: z.array(printer).default([]),
    scanner: z
      .discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('serial'),
            ...serialPort.shape,
            /** What the scanner sends after each code (its factory setting is usually CR). */
            suffix: z.enum(['CR', 'LF', 'CRLF', 'TAB']).default('CR'),
            prefix: z.string().max(10).optional(),
            /** Whether the scanner is set to send the AIM symbology id (`]Q1`) before each code. */
            aim: z.boolean().default(true),
          })
          .strict(),
        z
          .object({ kind: z.literal('hid'), vendorId: z.number().int().min(0).max(0xffff), productId: z.number().int().min(0).max(0xffff) })
          .strict(),
        z.object({ kind: z.literal('wedge') }).strict(),
        z.object({ kind: z.literal('simulated') }).strict(),
      ])
      .optional(),
    /** The counter's document scanner through SANE (`scanimage -L` names it; `test` is SANE's virtual one). */
    docscan: z
      .object({
        device: z.string().min(1),
        resolution: z.number().int().min(75).max(1200).default(300),
        mode: z.enum(['color', 'gray']).default('color'),
      })
      .strict()
      .optional(),
    /** The LED strip over a counter's window (窗口屏), in our serial framing (src/devices/window-display/README.md). */
    windowDisplay: z
      .discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('serial'),
            ...serialPort.shape,
            baud: serialPort.shape.baud.removeDefault().default(9600),
            ...windowDisplayOptions,
          })
          .strict(),
        /** What it shows goes to `file`, or to window-display.txt in the terminal's data directory. */
        z.object({ kind: z.literal('simulated'), file: z.string().min(1).optional(), ...windowDisplayOptions }).strict(),
      ])
      .optional(),
  })
  .strict();

export const TerminalConfigSchema = z
  .object({
    terminalId: TerminalIdSchema,
    role: z.enum(TERMINAL_ROLES),
    hallName: z.string().min(1).max(60),
    hall: z
      .object({
        url: httpUrl,
        /** The hall's other servers, where two or more share one PostgreSQL database: the terminal moves to the next when one fails. */
        otherUrls: z.array(httpUrl).max(8).default([]),
        /** The token the hall server enrolled this terminal with (the hall keeps only its SHA-256). */
        token: z.string().min(16).optional(),
        /** An enrolled terminal asks the hall for a new token once its token is this old. */
        rotateDays: z.number().int().min(1).max(365).default(30),
      })
      .strict(),
    platform: z
      .object({
        url: httpUrl,
        /** The secret the platform enrolled this terminal with, traded for tokens: a counter syncs cases, a kiosk looks up progress. */
        secret: z.string().min(16).optional(),
      })
      .strict(),
    /** The counter's case store. */
    cases: z
      .object({
        /** A file holding the store's key (64 hex digits), when $ONEWINDOW_CASE_KEY is not set and no OS keystore is used. */
        keyFile: z.string().min(1).optional(),
        /** Days a closed, acknowledged case keeps its personal data on this terminal. */
        retentionDays: z.number().int().min(0).max(3650).default(30),
        /** The hall's time zone, for the dates on case records. */
        timeZone: z
          .string()
          .refine(isValidTimeZone, '不是有效的 IANA 时区，例如 Asia/Shanghai / not a valid IANA time zone, e.g. Asia/Shanghai')
          .default(DEFAULT_TIME_ZONE),
      })
      .strict()
      .default({ retentionDays: 30, timeZone: DEFAULT_TIME_ZONE }),
    /** The counter's window as the hall calls it: "3号窗口 综合受理". */
    window: z
      .object({ number: z.number().int().min(1).max(999), name: z.string().min(1).max(30) })
      .strict()
      .optional(),
    devices: DevicesConfigSchema.default({ fallbackPrinters: [] }),
    /** A kiosk goes home, forgetting the citizen, after this long untouched; it warns first. */
    kiosk: z
      .object({
        idleSeconds: z.number().int().min(20).max(900).default(90),
        warningSeconds: z.number().int().min(5).max(60).default(15),
      })
      .strict()
      .default({ idleSeconds: 90, warningSeconds: 15 }),
    /** Where the terminal keeps its databases (print queue; on a counter the case store and materials); var/terminals/<terminalId> when not set. */
    dataDir: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.role === 'counter' && !config.window) {
      ctx.addIssue({
        code: 'custom',
        path: ['window'],
        message: '窗口终端必须配置 window（窗口号和名称）/ a counter needs window: {number, name}',
      });
    }
    if (config.role !== 'counter' && config.devices.windowDisplay) {
      ctx.addIssue({
        code: 'custom',
        path: ['devices', 'windowDisplay'],
        message: '只有窗口终端有窗口屏，请删除 devices.windowDisplay / only a counter has a window display: remove devices.windowDisplay',
      });
    }
    if (config.role === 'counter' && !config.platform.secret) {
      ctx.addIssue({
        code: 'custom',
        path: ['platform', 'secret'],
        message:
          '窗口终端必须配置平台登记密钥 platform.secret，否则办件无法同步 / a counter needs platform.secret, or its cases cannot reach the platform',
      });
    }
  });
export type TerminalConfig = z.infer<typeof TerminalConfigSchema>;

export function windowLabel(config: Pick<TerminalConfig, 'window'>): string | null {
  return config.window ? `${config.window.number}号窗口 ${config.window.name}` : null;
}
