import { z } from 'zod';
import { GuideRequestSchema } from './contract-catalog.js';
import { IdCardViewSchema } from './idcard.js';
import { CaseProgressSchema } from './platform-api.js';
import { OpenedPrefillSchema, PrefillCodeSchema, PrefillSubmissionSchema, PrefillTicketSchema } from './prefill.js';
import { PrintJobViewSchema } from './printing.js';
import { RequestIdSchema } from './request-id.js';
import { method } from './rpc/define.js';

/** A citizen's visit at a kiosk (the card for a form, the pre-fill code, progress) and the counter's side of the code. */
export const kioskMethods = {
  'kiosk.cardForForm': method({
    summary: 'Use the card just read for the form: the host keeps it; the page gets the card and the values it fills in, masked.',
    input: GuideRequestSchema,
    output: z.object({ card: IdCardViewSchema, shown: z.record(z.string(), z.string()) }),
    roles: ['kiosk'],
  }),
  'kiosk.submitPrefill': method({
    summary: 'Check the answers, keep them on the hall server under a pre-fill code (预填码) and print the slip with its QR.',
    input: PrefillSubmissionSchema.extend({ requestId: RequestIdSchema }),
    output: PrefillTicketSchema.extend({ print: PrintJobViewSchema.nullable() }),
    roles: ['kiosk'],
  }),
  'kiosk.progress': method({
    summary:
      '进度查询: the progress of the case a receipt names (its QR, or its 受理编号 or 办件编号 with the 查询码 printed under it), or of the cases of the card just read; masked.',
    input: z.union([
      z
        .object({
          reference: z.string().trim().min(1, '请输入回执上的受理编号 / type the receipt number').max(80),
          checkCode: z
            .string()
            .trim()
            .regex(/^\d{6}$/, '查询码应为回执上的 6 位数字 / the check code is the 6 digits on the receipt')
            .optional(),
        })
        .strict(),
      z.object({ withIdCard: z.literal(true) }).strict(),
    ]),
    output: z.object({ cases: z.array(CaseProgressSchema) }),
    roles: ['kiosk'],
  }),
  'kiosk.endSession': method({
    summary: 'The citizen finished or walked away: the host forgets their card and answers.',
    input: z.object({}).strict(),
    output: z.object({}),
    roles: ['kiosk'],
  }),
  'prefill.open': method({
    summary: 'Open what a citizen prepared at a kiosk, by the pre-fill code on their slip; a code opens once.',
    input: z.object({ code: PrefillCodeSchema }).strict(),
    output: OpenedPrefillSchema,
    roles: ['operator'],
  }),
};
