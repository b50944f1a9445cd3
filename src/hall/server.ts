import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { hallApi } from '../shared/hall-api.js';
import type { HallConfig } from '../shared/queue.js';
import { installErrorHandling, serveRoute } from './http.js';
import type { Db } from '../storage/sqlite.js';
import { createTicketNumberService } from './ticket-numbers.js';

export interface HallServerOptions {
  config: HallConfig;
  db: Db;
  now?: () => Date;
  logger?: FastifyBaseLogger | false;
}

/** The hall server's HTTP API: the queue authority every kiosk, counter and board talks to. */
export function createHallServer(options: HallServerOptions): FastifyInstance {
  const { config, db } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: 64 * 1024,
  });
  installErrorHandling(app);
  const tickets = createTicketNumberService(db, config, options.now);

  serveRoute(app, hallApi.health, () => ({
    service: 'onewindow-hall' as const,
    hallName: config.hallName,
    timeZone: config.timeZone,
    serviceDate: tickets.serviceDate(),
  }));
  serveRoute(app, hallApi.listQueues, () => ({ queues: tickets.summaries() }));
  serveRoute(app, hallApi.issueTicket, (body) => tickets.issue(body.queueId, body.terminalId));
  return app;
}
