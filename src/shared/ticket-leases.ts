import { z } from 'zod';
import { RequestIdSchema } from './request-id.js';
import { QueueIdSchema } from './hall-config.js';
import { TICKET_TOKEN_PATTERN, TicketRulesSchema } from './tickets.js';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Numbers a kiosk holds for when no hall server answers (离线取号): `first`…`last` of one queue on one
 * service day, taken from the top of the day's range so the numbers handed out online run on without gaps.
 * Only this kiosk issues them, so none is ever given twice, whatever the network does.
 */
export const TicketLeaseSchema = z.object({
  id: z.string().min(1).max(64),
  queueId: QueueIdSchema,
  queueName: z.string(),
  prefix: z.string(),
  /** The day's maximum of the queue: every number prints at its width. */
  maxPerDay: z.number().int().min(1),
  serviceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  first: z.number().int().min(1),
  last: z.number().int().min(1),
  grantedAt: isoDateTime,
  /** After this the kiosk issues none of it; the hall takes in what was issued before. */
  expiresAt: isoDateTime,
});
export type TicketLease = z.infer<typeof TicketLeaseSchema>;

/** The leases and what a kiosk needs to print a slip and place a citizen without the hall. */
export const LeaseGrantSchema = z.object({
  leases: z.array(TicketLeaseSchema),
  timeZone: z.string(),
  /** Citizens this old get the green channel: the kiosk tells it from the card, as the hall would. */
  greenChannelAge: z.number().int(),
  /** Where the tickets' pages are, for the slip's QR; null when the hall has no address phones can reach. */
  statusUrlBase: z.string().nullable(),
  rules: TicketRulesSchema,
});
export type LeaseGrant = z.infer<typeof LeaseGrantSchema>;

export const LeaseRequestSchema = z
  .object({
    /** The queues this kiosk wants a lease of; the hall sizes each from the kiosk's recent rate. */
    queueIds: z.array(QueueIdSchema).min(1).max(50),
  })
  .strict();

/** A ticket a kiosk issued from its lease while no hall server answered, handed to the hall once one does. */
export const OfflineTicketSchema = z
  .object({
    leaseId: z.string().min(1).max(64),
    sequence: z.number().int().min(1),
    ticketId: z.uuid(),
    /** When the citizen took it: the hall puts it in line there, not when it arrives. */
    issuedAt: isoDateTime,
    /** The secret of the link on the slip, made by the kiosk; the hall keeps its hash, so the page works once taken in. */
    pageToken: z.string().regex(TICKET_TOKEN_PATTERN).nullable(),
    /** The green channel by age, as the kiosk read it from the card (the card's number never leaves the kiosk offline). */
    agePriority: z.boolean(),
  })
  .strict();
export type OfflineTicket = z.infer<typeof OfflineTicketSchema>;

export const LeaseReturnSchema = z
  .object({
    leaseId: z.string().min(1).max(64),
    /** The last number the kiosk issued of it; null: none. The rest are never issued. */
    usedUpTo: z.number().int().min(1).nullable(),
  })
  .strict();

/**
 * A kiosk that gave an offline number because the hall did not answer its request in time withdraws that
 * request once the hall answers again: had it reached the hall after all, its number would be a second one
 * for the same citizen, called with nobody there.
 */
export const WithdrawRequestSchema = z.object({ requestId: RequestIdSchema }).strict();
/** `cancelled`: it had made a number, now taken out of line; `blocked`: it never came, and is refused if it does; `tooLate`: already called. */
export const WithdrawOutcomeSchema = z.object({ outcome: z.enum(['cancelled', 'blocked', 'tooLate']) });
export type WithdrawOutcome = z.infer<typeof WithdrawOutcomeSchema>;
