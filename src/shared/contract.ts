import { z } from 'zod';
import { CustomerViewSchema } from './customer-view.js';
import { LinkStatusSchema } from './link-status.js';
import { QueueIdSchema, QueueSummarySchema, TicketSchema } from './queue.js';
import { RPC_ROLES, TERMINAL_ROLES } from './roles.js';
import { event, method } from './rpc/define.js';

/**
 * Every RPC method and event between a terminal host and its pages: the one place where a name, its
 * input and output, and the roles that may use it are declared. Host and pages both build on it.
 */
const noInput = z.object({}).strict();

export const HelloSchema = z.object({
  role: z.enum(RPC_ROLES),
  terminalId: z.string(),
  terminalRole: z.enum(TERMINAL_ROLES),
  hallName: z.string(),
  windowLabel: z.string().nullable(),
  version: z.string(),
});
export type Hello = z.infer<typeof HelloSchema>;

export const methods = {
  'system.hello': method({
    summary: 'Who this page is talking to: the terminal, its hall and the role granted to this connection.',
    input: noInput,
    output: HelloSchema,
    roles: RPC_ROLES,
  }),
  'system.linkStatus': method({
    summary: 'Whether the hall server and the central platform are reachable from this terminal.',
    input: noInput,
    output: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
  'queue.list': method({
    summary: "The hall's queues with the number of people waiting in each.",
    input: noInput,
    output: z.object({ queues: z.array(QueueSummarySchema) }),
    roles: ['kiosk', 'operator', 'board'],
  }),
  'queue.takeTicket': method({
    summary: 'Issue the next number of a queue from the hall server.',
    input: z.object({ queueId: QueueIdSchema }).strict(),
    output: TicketSchema,
    roles: ['kiosk', 'operator'],
  }),
  'display.setCustomerView': method({
    summary: "Set what the applicant's screen beside this counter shows.",
    input: z.object({ view: CustomerViewSchema }).strict(),
    output: z.object({}),
    roles: ['operator'],
  }),
  'display.getCustomerView': method({
    summary: "What the applicant's screen shows now; the screen asks once, then follows display.customerView.",
    input: noInput,
    output: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
};

export const events = {
  'system.linkStatus': event({
    summary: 'The hall server or the platform became reachable or unreachable.',
    payload: LinkStatusSchema,
    roles: RPC_ROLES,
  }),
  'queue.ticketIssued': event({
    summary: 'This terminal issued a number; pages that show waiting counts refresh.',
    payload: TicketSchema,
    roles: ['kiosk', 'operator', 'board'],
  }),
  'display.customerView': event({
    summary: "The applicant's screen changed.",
    payload: CustomerViewSchema,
    roles: ['customer', 'operator'],
  }),
};

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
