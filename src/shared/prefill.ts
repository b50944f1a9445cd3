import { z } from 'zod';
import { GuideRequestSchema } from './contract-catalog.js';

/**
 * 预填码: what a citizen prepared at the kiosk (the item or bundle, the situation answers, the form),
 * kept on the hall server under a short code until a counter opens it or it expires. The code goes
 * on a slip as a QR that the clerk scans.
 */
export const PrefillCodeSchema = z
  .string()
  .transform((code) => code.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{8}$/, '预填码为 8 位字母或数字 / a pre-fill code has 8 letters or digits'));

const PREFILL_QR_PREFIX = 'onewindow:prefill:';
export const prefillQrText = (code: string) => `${PREFILL_QR_PREFIX}${code}`;
/** The code in what a clerk typed or scanned: the code itself or a slip's QR; null when it is neither. */
export function prefillCodeFrom(text: string): string | null {
  const parsed = PrefillCodeSchema.safeParse(text.startsWith(PREFILL_QR_PREFIX) ? text.slice(PREFILL_QR_PREFIX.length) : text);
  return parsed.success ? parsed.data : null;
}

/** The code of a scanned pre-fill slip's QR; null for any other scan (an appointment code, a case number…). */
export function prefillCodeInScan(text: string): string | null {
  return text.startsWith(PREFILL_QR_PREFIX) ? prefillCodeFrom(text) : null;
}

const FormValuesSchema = z.record(z.string().max(64), z.string().max(500));

export const PrefillApplicationSchema = z
  .object({
    request: GuideRequestSchema,
    /** The item's or bundle's name, for the counter's list and the slip. */
    title: z.string().min(1).max(200),
    formId: z.string().min(1).max(64),
    values: FormValuesSchema,
    catalogVersion: z.string().min(1).max(64),
  })
  .strict();
export type PrefillApplication = z.output<typeof PrefillApplicationSchema>;

export const PrefillTicketSchema = z.object({ code: z.string(), expiresAt: z.string() });
export type PrefillTicket = z.infer<typeof PrefillTicketSchema>;

export const OpenedPrefillSchema = z.object({ application: PrefillApplicationSchema, createdAt: z.string(), terminalId: z.string() });
export type OpenedPrefill = z.output<typeof OpenedPrefillSchema>;

/** What the kiosk sends: its answers, and which fields take their value from the card on the reader. */
export const PrefillSubmissionSchema = z
  .object({
    request: GuideRequestSchema,
    values: FormValuesSchema,
    fromCard: z.array(z.string().max(64)).max(50).default([]),
  })
  .strict();
