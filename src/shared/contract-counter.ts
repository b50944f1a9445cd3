import { z } from 'zod';
import { HallTicketRefSchema, WindowViewSchema } from './hall-events.js';
import { QueueIdSchema } from './hall-config.js';
import { TicketNumberSchema } from './tickets.js';
import { method } from './rpc/define.js';

const noInput = z.object({}).strict();

/** The moves of a counter's window: operator only, and the window is the counter's own (from its configuration). */
function counterMethod<I extends z.ZodType>(summary: string, input: I) {
  return method({ summary, input, output: HallTicketRefSchema, roles: ['operator'] });
}

/** The counter's window: calling, the moves of the ticket being served, the clerk logged in, the pause. */
export const counterMethods = {
  'counter.callNext': counterMethod('Call the next ticket to this counter’s window.', noInput),
  'counter.recall': counterMethod('Call the current ticket again (counted and limited).', noInput),
  'counter.noShow': counterMethod('The current ticket did not come: 过号.', noInput),
  'counter.park': counterMethod('Set the current ticket aside at this window, to resume it later.', noInput),
  'counter.reinstate': counterMethod(
    'A citizen back within the hall’s time after 过号: their number (typed off the slip) gets in line again.',
    z.object({ ticketNumber: TicketNumberSchema }).strict(),
  ),
  'counter.resume': counterMethod(
    'Take a parked ticket back as the current one.',
    z.object({ ticketId: z.string().min(1).max(64) }).strict(),
  ),
  'counter.finish': counterMethod(
    'Finish the current ticket with the 事项 codes served.',
    z.object({ serviceCodes: z.array(z.string().min(1).max(40)).max(20).default([]) }).strict(),
  ),
  'counter.transfer': counterMethod(
    'Send the current ticket to another queue or a named window; the citizen keeps the number.',
    z
      .object({
        toQueueId: QueueIdSchema.optional(),
        toWindowNumber: z.number().int().min(1).max(999).optional(),
        note: z.string().max(100).optional(),
      })
      .strict(),
  ),
  'counter.login': method({
    summary: 'A clerk logs in at this counter’s window with their id and PIN.',
    input: z
      .object({ clerkId: z.string().min(1).max(20), pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits') })
      .strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'counter.loginWithCard': method({
    summary: 'A clerk logs in at this counter’s window with their own ID card (just read) and PIN.',
    input: z.object({ pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits') }).strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'counter.logout': method({
    summary: 'The clerk logs out of this window.',
    input: noInput,
    output: WindowViewSchema,
    roles: ['operator'],
  }),
  'counter.pause': method({
    summary: 'Pause this counter’s window, or open it again.',
    input: z.object({ paused: z.boolean() }).strict(),
    output: WindowViewSchema,
    roles: ['operator'],
  }),
};
