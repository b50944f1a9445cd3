import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { createServerInstance, type TlsFiles } from '../http-server/tls.js';
import { z } from 'zod';
import { hallApi, STATS_CSV_PATH, STATS_PATH } from '../shared/hall-api.js';
import { STATS_GROUPS, type HallStats } from '../shared/hall-stats.js';
import { describeIssues } from '../shared/issues.js';
import { localDate } from '../shared/local-date.js';
import type { HallConfig } from '../shared/queue.js';
import { TERMINAL_ROLES } from '../shared/roles.js';
import type { Db } from '../storage/sqlite.js';
import { createAccess, type Caller, type RouteAccess } from './access.js';
import { createAppointments } from './appointments.js';
import { createCallingEngine } from './calling.js';
import { recordConfiguration } from './config-audit.js';
import { createEvaluations } from './evaluations.js';
import { createEventLog } from './event-log.js';
import { serveEventStream } from './event-stream.js';
import { createGroupCommit } from '../storage/group-commit.js';
import { ApiError } from '../http-server/api-error.js';
import { installErrorHandling } from '../http-server/error-handling.js';
import { installRateLimit } from '../http-server/rate-limit.js';
import { serveRoute } from '../http-server/serve-route.js';
import { createPinChecker } from './pin-hash.js';
import { createPrefills } from './prefills.js';
import { createHallRetention } from './retention.js';
import { createStats, statsCsv } from './stats.js';
import { createTerminalRegistry } from './terminal-registry.js';
import { createTicketNumberService } from './ticket-numbers.js';
import { serveTicketPages } from './ticket-page/routes.js';

export interface HallServerOptions {
  config: HallConfig;
  db: Db;
  now?: () => Date;
  logger?: FastifyBaseLogger | false;
  /** Serve HTTPS with this certificate and key. */
  tls?: TlsFiles;
}

/** The hall server's HTTP API: the queue authority every kiosk, counter and board talks to. */
export function createHallServer(options: HallServerOptions): FastifyInstance {
  const { config, db } = options;
  const app = createServerInstance({ logger: options.logger, bodyLimit: 64 * 1024, tls: options.tls });
  installErrorHandling(app);
  // Every hall route takes JSON: a text body is refused as the wrong type, not read as a string.
  app.removeContentTypeParser('text/plain');
  const now = options.now ?? (() => new Date());
  const events = createEventLog(db, now);
  const tickets = createTicketNumberService(db, config, now, events);
  const calling = createCallingEngine(db, config, events, now);
  const pinMatches = createPinChecker(config.clerks.map((clerk) => clerk.pinHash));
  const evaluations = createEvaluations(db, now);
  const appointments = createAppointments(db, config, tickets, now);
  const stats = createStats(db, config);
  const prefills = createPrefills(db, config.prefillKeepHours, now);
  recordConfiguration(config, events, db);
  const stopRetention = createHallRetention(db, tickets.serviceDate, prefills.purgeExpired).start();
  app.addHook('onClose', async () => stopRetention());
  const registry = createTerminalRegistry(db, config.terminals, events, now);
  const access = createAccess(registry);
  const limiter = installRateLimit(app, config.rateLimit, { credentialPaths: [hallApi.enrol.path], terminalOf: access.terminalOf });
  if (registry.isOpen() && options.logger) options.logger.warn('no terminals are enrolled: the hall API is open to anyone on the network (development only)');
  serveEventStream(app, events, access, limiter);
  const ticketPages = serveTicketPages(app, { db, config, tickets, now, tls: options.tls !== undefined, logger: options.logger });

  const rule =
    (roles: RouteAccess['roles'], ownWindow = false) =>
    (request: FastifyRequest, body: object | undefined) =>
      access.authorize(request, { roles, ownWindow }, body as { terminalId?: string; windowNumber?: number } | undefined);
  const all = rule(TERMINAL_ROLES);
  const issuers = rule(['kiosk', 'counter']);
  const counters = rule(['counter']);
  const ownWindow = rule(['counter'], true);
  const committer = createGroupCommit(db, () => events.flush());
  const as = <T>(caller: Caller, change: () => T) => committer.run(() => events.withActor(caller.terminalId, change));

  serveRoute(app, hallApi.health, all, () => ({
    service: 'onewindow-hall' as const,
    hallName: config.hallName,
    timeZone: config.timeZone,
    serviceDate: tickets.serviceDate(),
  }));
  serveRoute(app, hallApi.listQueues, all, () => ({ queues: tickets.summaries() }));
  serveRoute(app, hallApi.issueTicket, issuers, (body, { caller }) => {
    if (body.priority && caller.role === 'kiosk') {
      throw new ApiError('FORBIDDEN', 403, '绿色通道须由工作人员办理 / only staff can put a ticket in the green channel');
    }
    return as(caller, () => ticketPages.issued(tickets.issue({ queueId: body.queueId, terminalId: caller.terminalId, staffPriority: body.priority, idNumber: body.idNumber })));
  });
  serveRoute(app, hallApi.book, counters, (body, { caller }) => as(caller, () => appointments.book(body)));
  serveRoute(app, hallApi.checkIn, issuers, (body, { caller }) =>
    as(caller, () => ticketPages.issued(appointments.checkIn({ code: body.code, idNumber: body.idNumber, terminalId: caller.terminalId }))),
  );
  serveRoute(app, hallApi.reinstate, counters, (body, { caller }) => as(caller, () => calling.reinstate(body.ticketNumber)));
  serveRoute(app, hallApi.callNext, ownWindow, (body, { caller }) => as(caller, () => calling.callNext(body.windowNumber)));
  serveRoute(app, hallApi.recall, ownWindow, (body, { caller }) => as(caller, () => calling.recall(body.windowNumber)));
  serveRoute(app, hallApi.noShow, ownWindow, (body, { caller }) => as(caller, () => calling.noShow(body.windowNumber)));
  serveRoute(app, hallApi.park, ownWindow, (body, { caller }) => as(caller, () => calling.park(body.windowNumber)));
  serveRoute(app, hallApi.resume, ownWindow, (body, { caller }) => as(caller, () => calling.resume(body.windowNumber, body.ticketId)));
  serveRoute(app, hallApi.transfer, ownWindow, (body, { caller }) =>
    as(caller, () => calling.transfer(body.windowNumber, { queueId: body.toQueueId, windowNumber: body.toWindowNumber, note: body.note })),
  );
  serveRoute(app, hallApi.finish, ownWindow, (body, { caller }) => as(caller, () => calling.finish(body.windowNumber, body.serviceCodes)));
  serveRoute(app, hallApi.login, ownWindow, async (body, { caller }) => {
    const byCard = body.clerkId === undefined;
    const attempt = calling.beginLogin(body.windowNumber, byCard ? { idNumber: body.idNumber! } : { clerkId: body.clerkId! });
    const matched = await pinMatches(attempt.clerk?.pinHash, body.pin);
    const outcome = await as(caller, () => calling.finishLogin(attempt, matched));
    if ('refusal' in outcome) throw outcome.refusal;
    return outcome.window;
  });
  serveRoute(app, hallApi.logout, ownWindow, (body, { caller }) => as(caller, () => calling.logout(body.windowNumber)));
  serveRoute(app, hallApi.pause, ownWindow, (body, { caller }) => as(caller, () => calling.pause(body.windowNumber, body.paused)));
  serveRoute(app, hallApi.evaluate, counters, (body, { caller }) => committer.run(() => evaluations.record(body, caller)));
  serveRoute(app, hallApi.createPrefill, issuers, (body, { caller }) => committer.run(() => prefills.create(body.application, caller)));
  serveRoute(app, hallApi.openPrefill, counters, (body, { caller }) => committer.run(() => prefills.open(body.code, caller)));
  serveRoute(app, hallApi.enrol, () => null, (body) => committer.run(() => events.withActor(body.terminalId, () => registry.enrol(body.code, body.terminalId))));
  serveRoute(app, hallApi.rotateToken, all, (_body, { caller }) => as(caller, () => ({ token: registry.rotate(caller.terminalId) })));
  const statsQuery = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), by: z.enum(STATS_GROUPS).default('queue') });
  const statsFor = (request: FastifyRequest) => {
    all(request, undefined);
    const query = statsQuery.safeParse(request.query);
    if (!query.success) throw new ApiError('INVALID_INPUT', 400, `查询参数无效 / bad query: ${describeIssues(query.error.issues).join('; ')}`);
    return { stats: stats.forDate(query.data.date ?? tickets.serviceDate()), by: query.data.by };
  };
  app.get(STATS_PATH, (request): HallStats => statsFor(request).stats);
  app.get(STATS_CSV_PATH, (request, reply) => {
    const { stats: day, by } = statsFor(request);
    const rows = { queue: day.byQueue, window: day.byWindow, hour: day.byHour, clerk: day.byClerk }[by];
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="onewindow-${day.date}-${by}.csv"`)
      .send(statsCsv([...rows, day.totals]));
  });
  serveRoute(app, hallApi.snapshot, all, () => {
    const serviceDate = tickets.serviceDate();
    return {
      seq: events.lastSeq(),
      hallName: config.hallName,
      serviceDate,
      queues: tickets.summaries(),
      windows: calling.windows(),
      recentCalls: events.latest(['ticket.called', 'ticket.recalled'], 10).filter((event) => localDate(new Date(event.at), config.timeZone) === serviceDate),
    };
  });
  return app;
}
