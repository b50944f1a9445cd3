import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import { createServerInstance, type TlsFiles } from '../http-server/tls.js';
import { hallApi } from '../shared/hall-api.js';
import { IDEMPOTENCY_HEADER } from '../shared/http-route.js';
import { localDate } from '../shared/local-date.js';
import type { HallConfig } from '../shared/hall-config.js';
import { TERMINAL_ROLES } from '../shared/roles.js';
import { MANAGER_SESSION_COOKIE } from '../shared/manager-console.js';
import { createAccess, type Caller, type RouteAccess } from './access.js';
import { createAppointments } from './appointments.js';
import { createCallingEngine } from './calling.js';
import { recordConfiguration } from './config-audit.js';
import { createAlerts } from './alerts.js';
import { createEvaluations } from './evaluations.js';
import { createEventLog } from './event-log.js';
import { createFollowUps } from './follow-ups.js';
import { createWorkingCalendar } from './working-days.js';
import { createHallIdempotency } from './idempotency.js';
import { serveEventStream } from './event-stream.js';
import { ApiError } from '../shared/errors.js';
import { statsRange, statsRows, type HallStats } from '../shared/hall-stats.js';
import { installErrorHandling } from '../http-server/error-handling.js';
import { installRateLimit } from '../http-server/rate-limit.js';
import { serveRoute } from '../http-server/serve-route.js';
import { createPinChecker } from './pin-hash.js';
import { startHallAnchoring } from './platform-anchoring.js';
import { createPrefills } from './prefills.js';
import { createLiveHall } from './live-hall.js';
import { createManagerSessions, SESSION_LONGEST_MS, type ManagerCaller } from './manager-sessions.js';
import { serveConsolePage } from './console-page.js';
import { createHallRetention } from './retention.js';
import { createStats, statsCsv } from './stats.js';
import { statsWorkbook } from './stats-xlsx.js';
import { createTerminalRegistry } from './terminal-registry.js';
import { createTerminalDevices } from './terminal-devices.js';
import { createTicketLeases } from './ticket-leases.js';
import { createTicketNumberService } from './ticket-numbers.js';
import { createLiveConfig } from './live-config.js';
import { createHallSettings } from './hall-settings.js';
import { serveSettingsRoutes } from './settings-routes.js';
import { createSupervision } from './supervision.js';
import { serveSupervisionRoutes } from './supervision-routes.js';
import { serveTicketPages, type HallMount } from './ticket-page/routes.js';
import type { HallStore } from './storage/store.js';

export interface HallServerOptions {
  config: HallConfig;
  store: HallStore;
  /** Which of the hall's servers this is, in its health answer; the host name by default. */
  instanceId?: string;
  now?: () => Date;
  logger?: FastifyBaseLogger | false;
  /** Serve HTTPS with this certificate and key. */
  tls?: TlsFiles;
  /** One hall of a county cluster (`cluster.ts`): it does not listen; the cluster hands it the requests under its path. */
  mounted?: HallMount & { tls: boolean; take(handler: (request: IncomingMessage, response: ServerResponse) => void): Server };
}

/** The hall server's HTTP API: the queue authority every kiosk, counter and board talks to. */
export function createHallServer(options: HallServerOptions): FastifyInstance {
  const { config: file, store } = options;
  const config = createLiveConfig(file);
  const { mounted } = options;
  const app = createServerInstance({
    logger: options.logger,
    bodyLimit: 64 * 1024,
    tls: mounted ? undefined : options.tls,
    serverFactory: mounted?.take,
  });
  installErrorHandling(app);
  // Every hall route takes JSON: a text body is refused as the wrong type, not read as a string.
  app.removeContentTypeParser('text/plain');
  const now = options.now ?? (() => new Date());
  const events = createEventLog(store, now);
  const tickets = createTicketNumberService(store, config, now, events);
  const calling = createCallingEngine(store, config, events, now);
  const leases = createTicketLeases(store, config, tickets, events, now);
  const pinChecker = config.derived((hall) => createPinChecker(hall.clerks.map((clerk) => clerk.pinHash)));
  const workingCalendar = createWorkingCalendar(store, events, () => tickets.serviceDate(), now);
  const followUps = createFollowUps(store, config, events, workingCalendar, () => tickets.serviceDate(), now);
  const evaluations = createEvaluations(store, events, followUps, now);
  const appointments = createAppointments(store, config, tickets, now);
  const stats = createStats(store, config, () => tickets.serviceDate());
  const prefills = createPrefills(store, file.prefillKeepHours, now);
  const managers = createManagerSessions(store, file, events, now);
  const terminalDevices = createTerminalDevices(store, events, now);
  const alerts = createAlerts(store, config, events, followUps, terminalDevices, now);
  const settings = createHallSettings(store, file, config, events, calling, () => tickets.serviceDate(), now);
  let anchoring: ReturnType<typeof startHallAnchoring> | null = null;
  // Before the first request: where the log stands, the configuration recorded, and the hall's routines started.
  app.addHook('onReady', async () => {
    await events.start();
    await recordConfiguration(file, events, store);
    await settings.start();
    anchoring = file.platform ? startHallAnchoring({ platform: file.platform, events, store, logger: options.logger }) : null;
    if (!anchoring && options.logger)
      options.logger.warn(
        '未配置平台：大厅事件记录不在平台存证，末尾被截断将无法发现 / no platform is configured: the hall event log is not anchored, so a log cut at its end cannot be found (set platform in the hall config)',
      );
    if ((await registry.isOpen()) && options.logger)
      options.logger.warn('no terminals are enrolled: the hall API is open to anyone on the network (development only)');
    const purgeExpired = async () => (await prefills.purgeExpired()) + (await managers.purgeEnded());
    const stopRetention = createHallRetention(store, tickets.serviceDate, purgeExpired).start();
    const stopAlerts = alerts.start((error) => {
      if (options.logger) options.logger.error({ err: error }, '提醒规则检查失败 / the alert rules could not be checked');
    });
    // Statistics: the settled days counted in the background, after the start and every hour, a day per second.
    let closing = false;
    const settle = () =>
      stats
        .settle(() => closing, 1000)
        .catch((error: unknown) => {
          if (options.logger) options.logger.error({ err: error }, '统计日汇总失败 / the statistics of past days could not be counted');
          return 0;
        });
    let settling = settle();
    const stopForgetting = events.subscribe((event) => void stats.forget(event).catch(() => undefined));
    const settleTimer = setInterval(() => (settling = settling.then(settle)), 3_600_000);
    app.addHook('onClose', async () => {
      closing = true;
      clearInterval(settleTimer);
      stopForgetting();
      await settling;
      stopRetention();
      await stopAlerts();
      await anchoring?.stop();
    });
  });
  const registry = createTerminalRegistry(store, file.terminals, events, now);
  const access = createAccess(registry);
  const limiter = installRateLimit(app, file.rateLimit, { credentialPaths: [hallApi.enrol.path], terminalOf: access.terminalOf });
  const stream = serveEventStream(app, events, access, limiter, { heartbeatMs: Math.round(file.eventStream.heartbeatSeconds * 1000) });
  const ticketPages = serveTicketPages(app, {
    store,
    config,
    tickets,
    now,
    tls: mounted ? mounted.tls : options.tls !== undefined,
    logger: options.logger,
    mount: mounted,
  });

  // The token and role are checked before the body is read; then again with the body, for a counter's own
  // window and the id an unenrolled (development) terminal gives.
  const rule = (roles: RouteAccess['roles'], ownWindow = false) => ({
    identify: (request: FastifyRequest) => access.authorize(request, { roles }, undefined),
    permit: (_caller: Caller, body: object | undefined, request: FastifyRequest) =>
      access.authorize(request, { roles, ownWindow }, body as { terminalId?: string; windowNumber?: number } | undefined),
  });
  const all = rule(TERMINAL_ROLES);
  const issuers = rule(['kiosk', 'counter']);
  const kiosks = rule(['kiosk']);
  const counters = rule(['counter']);
  const ownWindow = rule(['counter'], true);
  const idempotency = createHallIdempotency(store, {
    fingerprint: (json) => (file.idHashKey ? createHmac('sha256', file.idHashKey) : createHash('sha256')).update(json).digest('hex'),
    serviceDate: () => tickets.serviceDate(),
  });
  /** A change that creates something, once per request id: a retry after a lost reply gets the first answer. */
  const once = <T>(caller: Caller, request: FastifyRequest, body: unknown, change: () => Promise<T>) =>
    idempotency.once(caller.terminalId, request.headers[IDEMPOTENCY_HEADER] as string | undefined, body, change);
  /** A change on behalf of a terminal: one transaction, its events under the terminal's id. */
  const as = <T>(caller: Caller, change: () => Promise<T>) => events.withActor(caller.terminalId, () => store.transaction(change));
  const instanceId = options.instanceId ?? hostname();
  /** Numbers for an outage go only to a kiosk its token proves: in open mode any caller could use another's id. */
  const enrolled = (caller: Caller) => {
    if (caller.role === null)
      throw new ApiError(
        'FORBIDDEN',
        '离线号段只发给已登记的自助机，请先登记本机（npm run terminal:enrol） / leases of numbers go to enrolled kiosks only: enrol this terminal first',
      );
    return caller.terminalId;
  };

  serveRoute(app, hallApi.health, all, async () => {
    const database = await store.health();
    return {
      service: 'onewindow-hall' as const,
      hallName: file.hallName,
      timeZone: file.timeZone,
      serviceDate: tickets.serviceDate(),
      auditAnchor: anchoring?.status().state ?? ('off' as const),
      instance: { id: instanceId, database: { engine: database.engine, primary: database.primary } },
    };
  });
  serveRoute(app, hallApi.listQueues, all, async () => ({ queues: await tickets.summaries() }));
  serveRoute(app, hallApi.issueTicket, issuers, (body, { caller, request }) => {
    if (body.priority && caller.role === 'kiosk') {
      throw new ApiError('FORBIDDEN', '绿色通道须由工作人员办理 / only staff can put a ticket in the green channel');
    }
    return as(caller, async () =>
      ticketPages.issued(
        await once(caller, request, body, () =>
          tickets.issue({ queueId: body.queueId, terminalId: caller.terminalId, staffPriority: body.priority, idNumber: body.idNumber }),
        ),
      ),
    );
  });
  serveRoute(app, hallApi.book, counters, (body, { caller }) => as(caller, () => appointments.book(body)));
  serveRoute(app, hallApi.checkIn, issuers, (body, { caller, request }) =>
    as(caller, async () =>
      ticketPages.issued(
        await once(caller, request, body, () =>
          appointments.checkIn({ code: body.code, idNumber: body.idNumber, terminalId: caller.terminalId }),
        ),
      ),
    ),
  );
  // The hall's log says what came in after an outage, at warn (shown by default: a kiosk was cut off), and
  // which kiosk holds which numbers, at info: staff asking about a high number (A990 while A040 is called)
  // find there where and when it was issued.
  serveRoute(app, hallApi.leaseNumbers, kiosks, async (body, { caller, request }) => {
    const granted = await leases.grant(enrolled(caller), body.queueIds);
    for (const lease of granted)
      request.log.info(
        { terminal: caller.terminalId, queue: lease.queueId, first: lease.first, last: lease.last, lease: lease.id },
        'offline numbers leased to a kiosk',
      );
    return {
      leases: granted,
      timeZone: file.timeZone,
      greenChannelAge: config.current().greenChannelAge,
      statusUrlBase: ticketPages.base(),
      rules: ticketPages.rules(),
    };
  });
  serveRoute(app, hallApi.returnLease, kiosks, async (body, { caller, request }) => {
    const returned = await leases.giveBack(caller.terminalId, body.leaseId, body.usedUpTo);
    if (returned) request.log.info({ terminal: caller.terminalId, lease: body.leaseId, usedUpTo: body.usedUpTo }, 'lease given back');
    return { returned };
  });
  serveRoute(app, hallApi.withdrawRequest, kiosks, async (body, { caller, request }) => {
    const outcome = await as(caller, () => leases.withdraw(caller.terminalId, body.requestId));
    request.log.warn(
      { terminal: caller.terminalId, requestId: body.requestId, outcome },
      'after an outage: a request for a number withdrawn by its kiosk, which gave an offline number instead',
    );
    return { outcome };
  });
  serveRoute(app, hallApi.takeInOffline, kiosks, (body, { caller, request }) =>
    as(caller, async () => {
      const ticket = await leases.takeIn(caller.terminalId, body);
      if (body.pageToken) await ticketPages.adopt(ticket, body.pageToken);
      request.log.warn(
        { terminal: caller.terminalId, ticket: ticket.ticketNumber, queue: ticket.queueId, issuedAt: ticket.issuedAt },
        'after an outage: offline ticket taken in',
      );
      return ticket;
    }),
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
    const attempt = await events.withActor(caller.terminalId, () =>
      calling.beginLogin(body.windowNumber, byCard ? { idNumber: body.idNumber! } : { clerkId: body.clerkId! }),
    );
    const matched = await pinChecker()(attempt.clerk?.pinHash, body.pin);
    const outcome = await as(caller, () => calling.finishLogin(attempt, matched));
    if ('refusal' in outcome) throw outcome.refusal;
    return outcome.window;
  });
  serveRoute(app, hallApi.logout, ownWindow, (body, { caller }) => as(caller, () => calling.logout(body.windowNumber)));
  serveRoute(app, hallApi.pause, ownWindow, (body, { caller }) => as(caller, () => calling.pause(body.windowNumber, body.paused)));
  serveRoute(app, hallApi.evaluate, counters, (body, { caller }) => evaluations.record(body, caller));
  serveRoute(app, hallApi.createPrefill, issuers, (body, { caller, request }) =>
    once(caller, request, body, () => prefills.create(body.application, caller)),
  );
  serveRoute(app, hallApi.openPrefill, counters, (body, { caller }) => store.transaction(() => prefills.open(body.code, caller)));
  serveRoute(
    app,
    hallApi.enrol,
    () => null,
    (body) => events.withActor(body.terminalId, () => registry.enrol(body.code, body.terminalId)),
  );
  serveRoute(app, hallApi.reportDevices, all, async (body, { caller }) => {
    await events.withActor(caller.terminalId, () => terminalDevices.record(caller.terminalId, body.devices));
    return { recorded: true as const };
  });
  serveRoute(app, hallApi.rotateToken, all, (_body, { caller }) =>
    as(caller, async () => ({ token: await registry.rotate(caller.terminalId) })),
  );
  // The console: its page, and routes for a manager's session cookie only (a terminal's token opens none of them).
  serveConsolePage(app, { tls: mounted ? mounted.tls : options.tls !== undefined });
  const cookiePath = `${mounted?.path ?? ''}/`;
  const secure = (mounted ? mounted.tls : options.tls !== undefined) ? '; Secure' : '';
  const sessionCookie = (token: string, maxAgeSeconds: number) =>
    `${MANAGER_SESSION_COOKIE}=${token}; Path=${cookiePath}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
  const manager = (request: FastifyRequest): Promise<ManagerCaller> => managers.authenticate(request);
  const live = createLiveHall({
    store,
    config: file,
    events,
    registry,
    devices: terminalDevices,
    serviceDate: () => tickets.serviceDate(),
    queues: () => tickets.summaries(),
    windows: () => calling.windows(),
    listening: stream.listening,
    alerts,
    now,
  });
  serveRoute(
    app,
    hallApi.managerLogin,
    () => null,
    async (body, { request, reply }) => {
      const { token, session } = await managers.login(body.managerId, body.password, request.ip);
      void reply.header('set-cookie', sessionCookie(token, SESSION_LONGEST_MS / 1000));
      return session;
    },
  );
  serveRoute(app, hallApi.managerSession, manager, (_body, { caller }) => caller.session);
  serveRoute(app, hallApi.managerLogout, manager, async (_body, { caller, reply }) => {
    await managers.logout(caller);
    void reply.header('set-cookie', sessionCookie('', 0));
    return { loggedOut: true };
  });
  // Statistics are the console's: a supervisor (监察) sees the hall's, per-clerk figures (工作绩效) are the managers' only.
  const statsFor = async (caller: ManagerCaller, query: { date?: string; from?: string; to?: string }) => {
    const range = statsRange(query, tickets.serviceDate());
    if ('refusal' in range) throw new ApiError('INVALID_INPUT', range.refusal);
    const counted = await stats.forRange(range.from, range.to);
    return caller.manager.role === 'manager' ? counted : { ...counted, byClerk: [] };
  };
  const exportName = (counted: HallStats, suffix: string) =>
    `onewindow-${counted.from === counted.to ? counted.from : `${counted.from}_${counted.to}`}${suffix}`;
  serveRoute(app, hallApi.stats, manager, (_body, { caller, query }) => statsFor(caller, query));
  serveRoute(app, hallApi.statsCsv, manager, async (_body, { caller, query, reply }) => {
    if (query.by === 'clerk' && caller.manager.role !== 'manager')
      throw new ApiError('FORBIDDEN', "工作人员个人绩效仅大厅管理员可查看 / per-clerk figures are for the hall's managers only");
    const counted = await statsFor(caller, query);
    const rows = statsRows(counted, query.by);
    void reply.header('content-disposition', `attachment; filename="${exportName(counted, `-${query.by}.csv`)}"`);
    return statsCsv([...rows, counted.totals]);
  });
  serveRoute(app, hallApi.statsXlsx, manager, async (_body, { caller, query, reply }) => {
    const counted = await statsFor(caller, query);
    void reply.header('content-disposition', `attachment; filename="${exportName(counted, '.xlsx')}"`);
    return statsWorkbook(counted, file.hallName, caller.manager.role === 'manager');
  });
  // Alert rules and acknowledgements are a manager's; a supervisor (监察) only looks.
  const managing = async (request: FastifyRequest): Promise<ManagerCaller> => {
    const caller = await managers.authenticate(request);
    if (caller.manager.role !== 'manager')
      throw new ApiError('FORBIDDEN', '监察账号只能查看，不能更改 / a supervisor account can look but not change anything');
    return caller;
  };
  serveRoute(app, hallApi.addAlertRule, managing, (body, { caller }) => alerts.addRule(body, caller.manager.id));
  serveRoute(app, hallApi.removeAlertRule, managing, async (body, { caller }) => {
    await alerts.removeRule(body.ruleId, caller.manager.id);
    return { removed: true as const };
  });
  serveRoute(app, hallApi.acknowledgeAlert, managing, (body, { caller }) => alerts.acknowledge(body.alertId, caller.manager.id));
  serveRoute(app, hallApi.followUps, manager, async (_body, { query }) => ({
    orders: await followUps.list(query.state),
    workingDays: config.current().followUpWorkingDays,
  }));
  serveRoute(app, hallApi.followUpStep, managing, (body, { caller }) => followUps.step(body, caller.manager.id));
  serveRoute(app, hallApi.workingCalendar, manager, () => workingCalendar.calendar());
  serveRoute(app, hallApi.setWorkingDay, managing, async (body, { caller }) => {
    await workingCalendar.set(body, caller.manager.id);
    return workingCalendar.calendar();
  });
  serveRoute(app, hallApi.removeWorkingDay, managing, async (body, { caller }) => {
    await workingCalendar.remove(body.date, caller.manager.id);
    return workingCalendar.calendar();
  });
  serveSettingsRoutes(app, { settings, registry, config, events, read: manager, write: managing });
  const supervision = createSupervision({
    store,
    events,
    config,
    platform: file.platform,
    calendar: workingCalendar,
    today: () => tickets.serviceDate(),
  });
  serveSupervisionRoutes(app, { supervision, read: manager, today: () => tickets.serviceDate(), now });
  // A console waiting for the next event is answered when it leaves, and when the hall stops: its answer then
  // closes the connection, which would otherwise stay open, kept alive, and hold the stop up.
  const waitingConsoles = new Set<AbortController>();
  let stopping = false;
  app.addHook('preClose', async () => {
    stopping = true;
    for (const waiting of waitingConsoles) waiting.abort();
  });
  serveRoute(app, hallApi.liveHall, manager, async (_body, { query, reply }) => {
    const gone = new AbortController();
    waitingConsoles.add(gone);
    reply.raw.once('close', () => gone.abort());
    try {
      const state = await live.next(query.after, gone.signal);
      if (stopping) void reply.header('connection', 'close');
      return state;
    } finally {
      waitingConsoles.delete(gone);
    }
  });
  // One consistent read: the state and its seq agree, so a terminal that follows from that seq applies no event twice.
  serveRoute(app, hallApi.snapshot, all, () =>
    store.read(async () => {
      const serviceDate = tickets.serviceDate();
      return {
        seq: await events.lastSeq(),
        hallName: file.hallName,
        serviceDate,
        queues: await tickets.summaries(),
        windows: await calling.windows(),
        recentCalls: (await events.latest(['ticket.called', 'ticket.recalled'], 10)).filter(
          (event) => localDate(new Date(event.at), file.timeZone) === serviceDate,
        ),
      };
    }),
  );
  return app;
}
