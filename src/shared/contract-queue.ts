import { z } from 'zod';
import { PrintJobViewSchema } from './printing.js';
import { QueueIdSchema } from './hall-config.js';
import { HandedOutTicketSchema, OfflineClosedQueueSchema, QueueSummarySchema } from './tickets.js';
import { RequestIdSchema } from './request-id.js';
import { method } from './rpc/define.js';

/** Numbers: the queues, a number taken, an appointment checked in; each printed as a slip. */
export const queueMethods = {
  'queue.list': method({
    summary:
      "The hall's queues with the number of people waiting in each; with no hall server answering, a kiosk's queues as last listed, with those it holds no numbers of marked closed.",
    input: z.object({}).strict(),
    output: z.object({
      queues: z.array(QueueSummarySchema),
      /** From the kiosk's leases, the hall out of reach: numbers are 离线取号 and the waiting counts are not known. */
      offline: z.boolean(),
      /** Offline, those of `queues` this kiosk cannot give a number of until the hall answers, and why: shown closed in their place. */
      closedOffline: z.array(OfflineClosedQueueSchema).default([]),
    }),
    roles: ['kiosk', 'operator', 'board'],
  }),
  'queue.takeTicket': method({
    summary:
      "Issue the next number of a queue from the hall server (from the kiosk's lease when no server answers) and queue its ticket for printing.",
    input: z
      .object({
        queueId: QueueIdSchema,
        /** With the card just read on this terminal's reader: the hall applies its limits per card and the green channel by age. */
        withIdCard: z.boolean().default(false),
        /** 绿色通道 chosen by staff; the hall refuses it from a kiosk. */
        greenChannel: z.boolean().default(false),
        requestId: RequestIdSchema,
      })
      .strict(),
    output: HandedOutTicketSchema.extend({ print: PrintJobViewSchema.nullable() }),
    roles: ['kiosk', 'operator'],
  }),
  'queue.checkIn': method({
    summary: 'Check in an appointment (预约签到) by its code or by the card just read, and print its ticket.',
    input: z
      .object({
        code: z
          .string()
          .transform((code) => code.trim().toUpperCase())
          .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '预约码为 8 位字母或数字 / the appointment code has 8 letters or digits'))
          .optional(),
        withIdCard: z.boolean().default(false),
        requestId: RequestIdSchema,
      })
      .strict(),
    output: HandedOutTicketSchema.extend({ print: PrintJobViewSchema.nullable() }),
    roles: ['kiosk', 'operator'],
  }),
};
