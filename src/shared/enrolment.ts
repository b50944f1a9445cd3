import { z } from 'zod';
import { TERMINAL_ROLES } from './roles.js';

/**
 * 终端登记码: what the hall's administrator hands the technician installing a terminal. Sixteen
 * characters (80 bits) from the alphabet that reads unambiguously, shown in groups of four; typed
 * with or without the dashes, in either case. It works once, for one terminal id, role and window.
 */
export const EnrolmentCodeSchema = z
  .string()
  .transform((code) => code.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-HJ-NP-Z2-9]{16}$/, '登记码为 16 位字母或数字（可带连字符）/ an enrolment code has 16 letters or digits (dashes allowed)'),
  );

export const ENROLMENT_CODE_LENGTH = 16;

/** The code as the administrator reads it out: ABCD-EFGH-JKLM-NPQR. */
export const groupedCode = (code: string) => code.match(/.{1,4}/g)!.join('-');

export const EnrolmentSchema = z.object({
  terminalId: z.string(),
  role: z.enum(TERMINAL_ROLES),
  window: z.number().int().nullable(),
  /** The terminal's bearer token: shown once, the hall keeps only its SHA-256. */
  token: z.string(),
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;
