import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { hallApi } from '../shared/hall-api.js';
import type { HallConfig } from '../shared/queue.js';
import { installErrorHandling, serveRoute } from './http.js';
import type { Db } from '../storage/sqlite.js';
import { createCallingEngine } from './calling.js';
import { createEventLog } from './event-log.js';
import { serveEventStream } from './event-stream.js';
import { createTicketNumberService } from './ticket-numbers.js';
import { localDate } from '../shared/local-date.js';

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
  const now = options.now ?? (() => new Date());
  const events = createEventLog(db, now);
  const tickets = createTicketNumberService(db, config, now, events);
  const calling = createCallingEngine(db, config, events, now);
  serveEventStream(app, events);

  serveRoute(app, hallApi.health, () => ({
    service: 'onewindow-hall' as const,
    hallName: config.hallName,
    timeZone: config.timeZone,
    serviceDate: tickets.serviceDate(),
  }));
  serveRoute(app, hallApi.listQueues, () => ({ queues: tickets.summaries() }));
  serveRoute(app, hallApi.issueTicket, (body) => tickets.issue(body.queueId, body.terminalId, body.priority));
  serveRoute(app, hallApi.reinstate, (body) => calling.reinstate(body.ticketId));
  serveRoute(app, hallApi.callNext, (body) => calling.callNext(body.windowNumber));
  serveRoute(app, hallApi.recall, (body) => calling.recall(body.windowNumber));
  serveRoute(app, hallApi.noShow, (body) => calling.noShow(body.windowNumber));
  serveRoute(app, hallApi.park, (body) => calling.park(body.windowNumber));
  serveRoute(app, hallApi.resume, (body) => calling.resume(body.windowNumber, body.ticketId));
  serveRoute(app, hallApi.transfer, (body) => calling.transfer(body.windowNumber, { queueId: body.toQueueId, windowNumber: body.toWindowNumber }));
  serveRoute(app, hallApi.finish, (body) => calling.finish(body.windowNumber, body.serviceCodes));
  serveRoute(app, hallApi.pause, (body) => calling.pause(body.windowNumber, body.paused));
  serveRoute(app, hallApi.snapshot, () => ({
    seq: events.lastSeq(),
    hallName: config.hallName,
    serviceDate: tickets.serviceDate(),
    queues: tickets.summaries(),
    windows: calling.windows(),
    recentCalls: events.latest(['ticket.called', 'ticket.recalled'], 10).filter((event) => localDate(new Date(event.at), config.timeZone) === tickets.serviceDate()),
  }));
  return app;
}
