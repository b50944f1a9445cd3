import { z } from 'zod';
import { RPC_ROLES } from './roles.js';
import { TerminalConfigSchema } from './terminal-config.js';

/**
 * What the shell (Electron's main process, or the browser-mode server) and the terminal host process say to
 * each other. In Electron each page has its own MessagePort, handed over with `connect`; in browser mode the
 * pages' WebSockets are relayed over the child's IPC channel, told apart by `connection`.
 */
const ConnectionIdSchema = z.number().int().nonnegative();

/** The keys only the shell can unseal (Electron's safeStorage): the case store's and the terminal secrets'. */
export const SHELL_KEYS = ['case', 'secrets'] as const;
export type ShellKey = (typeof SHELL_KEYS)[number];

export const HostStartSchema = z
  .object({
    type: z.literal('start'),
    config: TerminalConfigSchema,
    /** The case store's key file when it is not in the configuration (the demo's); the environment variable still wins. */
    caseKeyFile: z.string().optional(),
    /** Where the demo's virtual printers write their slips: 模拟扫码 offers the QR codes found there. */
    demoCodesDir: z.string().optional(),
    /** Ask the shell for the keys (Electron: the OS keystore) instead of reading them from the environment. */
    keysFromShell: z.boolean().default(false),
  })
  .strict();
export type HostStart = z.input<typeof HostStartSchema>;

export const ShellMessageSchema = z.discriminatedUnion('type', [
  HostStartSchema,
  z.object({ type: z.literal('connect'), connection: ConnectionIdSchema, role: z.enum(RPC_ROLES) }),
  z.object({ type: z.literal('rpc'), connection: ConnectionIdSchema, message: z.unknown() }),
  z.object({ type: z.literal('disconnect'), connection: ConnectionIdSchema }),
  /** The key in hex, or why the shell could not unseal it (the host then fails where it needs the key, as it would in-process). */
  z.object({
    type: z.literal('key'),
    name: z.enum(SHELL_KEYS),
    hex: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    error: z.string().optional(),
  }),
  z.object({ type: z.literal('stop') }),
]);
export type ShellMessage = z.input<typeof ShellMessageSchema>;

export const HostMessageSchema = z.discriminatedUnion('type', [
  /** The process is listening: the shell answers with `start` (sent earlier, it could arrive before anyone listens). */
  z.object({ type: z.literal('waiting') }),
  z.object({ type: z.literal('ready') }),
  /** The host could not start: the error's message, for the shell to tell the technician. */
  z.object({ type: z.literal('failed'), message: z.string() }),
  z.object({ type: z.literal('rpc'), connection: ConnectionIdSchema, message: z.unknown() }),
  z.object({ type: z.literal('key'), name: z.enum(SHELL_KEYS) }),
  z.object({ type: z.literal('stopped') }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;
