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

/** Bounds of one pre-filled form: the largest form of the catalog has 9 fields; a form of 100 is far past any real one. */
export const PREFILL_LIMITS = { fields: 100, valueChars: 500, totalChars: 20_000 };
const FormValuesSchema = z
  .record(
    z.string().max(64, '字段名过长（最多 64 个字符）/ a field id is too long (64 characters at most)'),
    z
      .string()
      .max(
        PREFILL_LIMITS.valueChars,
        `每项填写内容最多 ${PREFILL_LIMITS.valueChars} 个字，请精简 / an answer may have ${PREFILL_LIMITS.valueChars} characters at most: shorten it`,
      ),
  )
  .refine(
    (values) => Object.keys(values).length <= PREFILL_LIMITS.fields,
    `预填表单最多 ${PREFILL_LIMITS.fields} 项，请只填写表单中的项目 / a pre-filled form has ${PREFILL_LIMITS.fields} answers at most: fill in the form's own fields only`,
  )
  .refine(
    (values) => Object.values(values).reduce((total, value) => total + value.length, 0) <= PREFILL_LIMITS.totalChars,
    `预填内容合计最多 ${PREFILL_LIMITS.totalChars} 个字，请精简 / the answers may have ${PREFILL_LIMITS.totalChars} characters in all: shorten them`,
  );

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
