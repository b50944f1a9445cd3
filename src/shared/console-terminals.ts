import { z } from 'zod';
import { TERMINAL_ROLES } from './roles.js';
import { TerminalIdSchema } from './terminal-config.js';

/** A terminal as the console lists it: where it is known from, and whether it may use the hall now. */
export const ConsoleTerminalSchema = z.object({
  id: z.string(),
  role: z.enum(TERMINAL_ROLES),
  window: z.number().int().nullable(),
  /** config: listed in the hall's file by a technician; registry: enrolled with a code; code: a code issued, not yet used. */
  source: z.enum(['config', 'registry', 'code']),
  enrolledAt: z.string().nullable(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** A code issued and not yet used or expired. */
  codePendingUntil: z.string().nullable(),
});
export const ConsoleTerminalListSchema = z.object({ terminals: z.array(ConsoleTerminalSchema) });
export type ConsoleTerminal = z.infer<typeof ConsoleTerminalSchema>;

export const ConsoleEnrolmentInputSchema = z
  .object({
    terminalId: TerminalIdSchema,
    role: z.enum(TERMINAL_ROLES),
    /** A counter's window; none for a kiosk or board. */
    window: z.number().int().min(1).max(999).nullable(),
    validHours: z.number().int().min(1, '有效期 1–168 小时 / valid 1 to 168 hours').max(168, '有效期 1–168 小时 / valid 1 to 168 hours'),
  })
  .strict();
export type ConsoleEnrolmentInput = z.infer<typeof ConsoleEnrolmentInputSchema>;

export const ConsoleEnrolmentCodeSchema = z.object({
  terminalId: z.string(),
  /** ABCD-EFGH-JKLM-NPQR: shown once, the hall keeps its hash. */
  code: z.string(),
  expiresAt: z.string(),
});
