import { z } from 'zod';
import { QueueIdSchema } from './hall-config.js';
import { birthDateFromIdNumber, FOREIGN_RESIDENCE_2017_NUMBER } from './id-number.js';
import { ageOn } from './local-date.js';

/**
 * Whether the card's holder is old enough on `day` for the green channel. The 2017 foreign card's number
 * does not carry the birth date in a form we read: its holder is helped by staff.
 */
export function greenChannelByAge(idNumber: string, day: string, age: number): boolean {
  return !FOREIGN_RESIDENCE_2017_NUMBER.test(idNumber) && ageOn(birthDateFromIdNumber(idNumber), day) >= age;
}

/** The secret in a ticket's own link: 18 random bytes (144 bits, beyond guessing at any rate), 24 characters of base64url in the QR. */
export const TICKET_TOKEN_BYTES = 18;
export const TICKET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

/** A number as a person types it off a slip (`a007`, ` A007 `): the queue's letters and at least three digits. */
export const TicketNumberSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d{3,6}$/, '号码应为字母加数字，如 A007 / a number is letters then digits, like A007');

/** `A` + 7 with a day's maximum of 999 → `A007`: every number of a queue prints with the same width. */
export function formatTicketNumber(prefix: string, sequence: number, maxPerDay: number): string {
  const width = Math.max(3, String(maxPerDay).length);
  return prefix + String(sequence).padStart(width, '0');
}

export const TicketSchema = z.object({
  id: z.string(),
  priority: z.boolean().default(false),
  /** Why the ticket goes ahead: the green channel by age or chosen by staff, or a kept appointment. */
  priorityReason: z.enum(['age', 'staff', 'appointment']).nullable().default(null),
  queueId: QueueIdSchema,
  queueName: z.string(),
  ticketNumber: z.string(),
  serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  issuedAt: z.iso.datetime({ offset: true }),
  waitingAhead: z.number().int().min(0),
});
export type Ticket = z.infer<typeof TicketSchema>;

/** The hall's rules a slip must state as configured, never as fixed words. */
export const TicketRulesSchema = z.object({
  maxRecalls: z.number().int().min(0),
  noShowReturnMinutes: z.number().int().min(0),
});
export type TicketRules = z.infer<typeof TicketRulesSchema>;

/** The rules in the words every slip and the ticket's page use, so none of them can promise otherwise. */
export function ticketRuleWords(rules: TicketRules): { recall: string; noShow: string } {
  return {
    recall: rules.maxRecalls > 0 ? `叫号未到最多重呼 ${rules.maxRecalls} 次，仍未到即为过号` : '叫号未到即为过号',
    noShow:
      rules.noShowReturnMinutes > 0 ? `过号后 ${rules.noShowReturnMinutes} 分钟内可请工作人员恢复排队，超时请重新取号` : '过号需重新取号',
  };
}

/** A ticket as the hall hands it out: with the link to its own page (none when the hall has no address for phones) and the rules for the slip. */
export const IssuedTicketSchema = TicketSchema.extend({
  statusUrl: z.string().max(300).nullable(),
  rules: TicketRulesSchema,
});
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>;

/** A ticket as a terminal hands it to its page and its slip: from the hall, or from the kiosk's lease while no hall server answered. */
export const HandedOutTicketSchema = IssuedTicketSchema.extend({
  /** Null offline: the kiosk cannot know the line. */
  waitingAhead: z.number().int().min(0).nullable(),
  /** Issued from the kiosk's lease (离线取号): the hall puts it in line at its issue time once it is back. */
  offline: z.boolean(),
});
export type HandedOutTicket = z.infer<typeof HandedOutTicketSchema>;

export const QueueSummarySchema = z.object({
  id: QueueIdSchema,
  name: z.string(),
  prefix: z.string(),
  waiting: z.number().int().min(0),
  /** From today's service times at this queue's windows; null before anyone was served. */
  estimatedWaitMinutes: z.number().int().min(0).nullable().default(null),
  /** Numbers of this queue only with an ID card on the reader. */
  idRequired: z.boolean().default(false),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;

/**
 * A queue a kiosk cut off from the hall cannot number: its lease is used up, the queue needs the card
 * checked by the hall, or the hall gave the kiosk no lease of it.
 */
export const OfflineClosedQueueSchema = z.object({
  id: QueueIdSchema,
  name: z.string(),
  reason: z.enum(['usedUp', 'idRequired', 'notLeased']),
});
export type OfflineClosedQueue = z.infer<typeof OfflineClosedQueueSchema>;
