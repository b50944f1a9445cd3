import { z } from 'zod';
import { route } from './http-route.js';
import { QueueIdSchema, QueueSummarySchema, TicketSchema } from './queue.js';

/**
 * The hall server's HTTP API, declared once: the server registers these routes and validates bodies
 * with these schemas, and the terminal's hall client validates the replies with the same ones.
 */
export const HallHealthSchema = z.object({
  service: z.literal('onewindow-hall'),
  hallName: z.string(),
  timeZone: z.string(),
  serviceDate: z.string(),
});

export const hallApi = {
  health: route({ method: 'GET', path: '/api/v1/health', body: null, response: HallHealthSchema }),
  listQueues: route({
    method: 'GET',
    path: '/api/v1/queues',
    body: null,
    response: z.object({ queues: z.array(QueueSummarySchema) }),
  }),
  issueTicket: route({
    method: 'POST',
    path: '/api/v1/tickets',
    body: z.object({ queueId: QueueIdSchema, terminalId: z.string().min(1).max(40) }).strict(),
    response: TicketSchema,
  }),
};
