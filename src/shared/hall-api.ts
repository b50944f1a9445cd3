import { z } from 'zod';
import { route } from './http-route.js';
import { EnrolmentCodeSchema, EnrolmentSchema } from './enrolment.js';
import { TerminalIdSchema } from './terminal-config.js';
import { EvaluationInputSchema, EvaluationSchema } from './evaluation.js';
import { HallEventSchema, HallTicketRefSchema, WindowViewSchema } from './hall-events.js';
import { OpenedPrefillSchema, PrefillApplicationSchema, PrefillCodeSchema, PrefillTicketSchema } from './prefill.js';
import { QueueIdSchema } from './hall-config.js';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema, DeadlineCardsSchema } from './supervision.js';
import { DeviceReportSchema } from './device-health.js';
import { SettingsAppliedSchema, SettingsChangeSchema, SettingsEditSchema, SettingsViewSchema } from './hall-settings.js';
import { ConsoleEnrolmentInputSchema, ConsoleEnrolmentCodeSchema, ConsoleTerminalListSchema } from './console-terminals.js';
import {
  LeaseGrantSchema,
  LeaseRequestSchema,
  LeaseReturnSchema,
  OfflineTicketSchema,
  WithdrawOutcomeSchema,
  WithdrawRequestSchema,
} from './ticket-leases.js';
import { IssuedTicketSchema, QueueSummarySchema, TicketNumberSchema, TicketSchema } from './tickets.js';
import { CARD_NUMBER } from './id-number.js';
import { HallStatsSchema, STATS_GROUPS } from './hall-stats.js';
import { AlertAcknowledgementSchema, AlertRuleInputSchema, AlertRuleRemovalSchema, AlertRuleSchema, AlertSchema } from './hall-alerts.js';
import {
  LiveHallQuerySchema,
  LiveHallSchema,
  MANAGER_SESSION_COOKIE,
  ManagerLoginSchema,
  ManagerSessionSchema,
} from './manager-console.js';
import {
  FollowUpListQuerySchema,
  FollowUpListSchema,
  FollowUpOrderSchema,
  FollowUpStepInputSchema,
  WorkingCalendarSchema,
  WorkingDayOverrideInputSchema,
  WorkingDayRemovalSchema,
} from './follow-up.js';

const CardNumberSchema = z
  .string()
  .regex(
    CARD_NUMBER,
    '证件号码应为 18 位，或外国人永久居留身份证（2017 版）的 3 个字母加 12 位数字 / a card number has 18 characters, or 3 letters and 12 digits',
  );

/**
 * The hall server's HTTP API, declared once: the server registers these routes and validates bodies
 * with these schemas, and the terminal's hall client validates the replies with the same ones.
 */
export const HallHealthSchema = z.object({
  service: z.literal('onewindow-hall'),
  hallName: z.string(),
  timeZone: z.string(),
  serviceDate: z.string(),
  /** Whether the hall's event log is anchored on the platform: `mismatch` means the platform holds an anchor the log did not make. */
  auditAnchor: z.enum(['off', 'pending', 'empty', 'anchored', 'unreachable', 'refused', 'mismatch']),
  /** This instance and its database, for whoever watches a pair of hall servers: the engine, and whether it writes to a primary. */
  instance: z.object({
    id: z.string(),
    database: z.object({ engine: z.enum(['sqlite', 'postgresql']), primary: z.boolean() }),
  }),
});
export type HallHealth = z.infer<typeof HallHealthSchema>;

const windowNumber = z.number().int().min(1).max(999);

const statsDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD / the date is YYYY-MM-DD')
  .optional();
/** The local days statistics are of: `date` for one, or `from` and `to` (each the hall's service day when not given). */
const StatsQuerySchema = z.object({ date: statsDate, from: statsDate, to: statsDate });

export const AppointmentSchema = z.object({
  code: z.string(),
  queueId: QueueIdSchema,
  day: z.string(),
  from: z.string(),
  to: z.string(),
  state: z.enum(['booked', 'checked_in', 'cancelled']),
});
export type Appointment = z.infer<typeof AppointmentSchema>;
const windowBody = z.object({ windowNumber }).strict();

/** Everything a board or counter needs to draw the hall, and the sequence number it is current to. */
export const HallSnapshotSchema = z.object({
  seq: z.number().int().min(0),
  hallName: z.string(),
  serviceDate: z.string(),
  queues: z.array(QueueSummarySchema),
  windows: z.array(WindowViewSchema),
  recentCalls: z.array(HallEventSchema),
});
export type HallSnapshot = z.infer<typeof HallSnapshotSchema>;

/**
 * One ticket's state as its public page shows it: nothing but the ticket's own number, queue and
 * place, and the words the page prints (the hall writes them, so the page and the JSON never disagree).
 */
export const TicketPageStatusSchema = z.object({
  hallName: z.string(),
  ticketNumber: z.string(),
  queueName: z.string(),
  state: z.enum(['waiting', 'called', 'parked', 'served', 'no_show', 'cancelled']),
  /** Waiting only: the tickets of the same queue that go before this one. */
  ahead: z.number().int().min(0).nullable(),
  estimatedWaitMinutes: z.number().int().min(0).nullable(),
  /** Called or parked: the window to go to. */
  window: z.object({ number: windowNumber, name: z.string() }).nullable(),
  headline: z.string(),
  lines: z.array(z.string()),
  /** Local time of the answer, "HH:MM". */
  checkedAt: z.string(),
  /** Whether the page should keep asking: false once nothing can change any more. */
  live: z.boolean(),
});
export type TicketPageStatus = z.infer<typeof TicketPageStatusSchema>;

/** The ticket's page itself (HTML, for a phone), at the link its QR holds; it polls ticketStatus. */
export const ticketPage = route({
  method: 'GET',
  path: '/t/:token',
  body: null,
  response: z.string(),
  authenticated: false,
  summary: "A ticket's public page (HTML): number, queue, how many ahead, the window once called",
});

/** The console's routes open to a manager's session cookie, never to a terminal's token. */
const CONSOLE_SESSION = { cookie: MANAGER_SESSION_COOKIE };

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
    body: z
      .object({
        queueId: QueueIdSchema,
        terminalId: z.string().min(1).max(40),
        /** Green channel chosen by staff (disabled, pregnant, military); only a counter may ask for it. */
        priority: z.boolean().default(false),
        /** From the card on the reader; the hall keeps only a keyed hash of it. */
        idNumber: CardNumberSchema.optional(),
      })
      .strict(),
    response: IssuedTicketSchema,
    requestHeaders: [
      {
        name: 'Idempotency-Key',
        description: 'One per user action, the same on its retries; a repeat gets the first answer, another body with it is 422',
      },
    ],
  }),
  reinstate: route({
    method: 'POST',
    path: '/api/v1/tickets/reinstate',
    body: z.object({ ticketNumber: TicketNumberSchema }).strict(),
    response: HallTicketRefSchema,
  }),
  callNext: route({ method: 'POST', path: '/api/v1/calls/next', body: windowBody, response: HallTicketRefSchema }),
  recall: route({ method: 'POST', path: '/api/v1/calls/recall', body: windowBody, response: HallTicketRefSchema }),
  noShow: route({ method: 'POST', path: '/api/v1/calls/no-show', body: windowBody, response: HallTicketRefSchema }),
  park: route({ method: 'POST', path: '/api/v1/calls/park', body: windowBody, response: HallTicketRefSchema }),
  resume: route({
    method: 'POST',
    path: '/api/v1/calls/resume',
    body: windowBody.extend({ ticketId: z.string().min(1).max(64) }),
    response: HallTicketRefSchema,
  }),
  transfer: route({
    method: 'POST',
    path: '/api/v1/calls/transfer',
    body: windowBody
      .extend({ toQueueId: QueueIdSchema.optional(), toWindowNumber: windowNumber.optional(), note: z.string().max(100).optional() })
      .refine(
        (body) => body.toQueueId !== undefined || body.toWindowNumber !== undefined,
        '请指定转去的业务 toQueueId 或窗口 toWindowNumber / give toQueueId or toWindowNumber',
      ),
    response: HallTicketRefSchema,
  }),
  finish: route({
    method: 'POST',
    path: '/api/v1/calls/finish',
    body: windowBody.extend({ serviceCodes: z.array(z.string().min(1).max(40)).max(20).default([]) }),
    response: HallTicketRefSchema,
  }),
  login: route({
    method: 'POST',
    path: '/api/v1/clerks/login',
    body: windowBody
      .extend({
        clerkId: z.string().min(1).max(20).optional(),
        /** Instead of the clerk id: the number on the clerk's own ID card, read at the window. */
        idNumber: CardNumberSchema.optional(),
        pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits'),
      })
      .refine(
        (body) => (body.clerkId === undefined) !== (body.idNumber === undefined),
        '请给出工号或身份证号码之一 / give the clerk id or the ID number, not both',
      ),
    response: WindowViewSchema,
  }),
  logout: route({ method: 'POST', path: '/api/v1/clerks/logout', body: windowBody, response: WindowViewSchema }),
  pause: route({
    method: 'POST',
    path: '/api/v1/windows/pause',
    body: windowBody.extend({ paused: z.boolean() }),
    response: WindowViewSchema,
  }),
  snapshot: route({ method: 'GET', path: '/api/v1/snapshot', body: null, response: HallSnapshotSchema }),
  book: route({
    method: 'POST',
    path: '/api/v1/appointments',
    body: z
      .object({
        queueId: QueueIdSchema,
        day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        from: z.string().regex(/^\d{2}:\d{2}$/),
        to: z.string().regex(/^\d{2}:\d{2}$/),
        idNumber: CardNumberSchema.optional(),
      })
      .strict(),
    response: AppointmentSchema,
  }),
  checkIn: route({
    method: 'POST',
    path: '/api/v1/appointments/check-in',
    body: z
      .object({
        terminalId: z.string().min(1).max(40),
        code: z
          .string()
          .regex(/^[A-Z0-9]{8}$/)
          .optional(),
        idNumber: CardNumberSchema.optional(),
      })
      .strict()
      .refine(
        (body) => body.code !== undefined || body.idNumber !== undefined,
        '请输入预约码或刷身份证 / give the appointment code or an ID card',
      ),
    response: IssuedTicketSchema,
    requestHeaders: [
      {
        name: 'Idempotency-Key',
        description: 'One per user action, the same on its retries; a repeat gets the first answer, another body with it is 422',
      },
    ],
  }),
  leaseNumbers: route({
    method: 'POST',
    path: '/api/v1/ticket-leases',
    body: LeaseRequestSchema,
    response: LeaseGrantSchema,
    summary: "A kiosk's numbers for when no hall server answers (离线取号): one lease per queue it asks for, its open one if it holds one",
  }),
  returnLease: route({
    method: 'POST',
    path: '/api/v1/ticket-leases/return',
    body: LeaseReturnSchema,
    response: z.object({ returned: z.boolean() }),
    summary: 'A kiosk gives back a lease: the numbers after the last it issued are never issued',
  }),
  withdrawRequest: route({
    method: 'POST',
    path: '/api/v1/tickets/withdraw',
    body: WithdrawRequestSchema,
    response: WithdrawOutcomeSchema,
    summary: 'A kiosk withdraws a request for a number the hall did not answer in time (it gave an offline number instead)',
  }),
  takeInOffline: route({
    method: 'POST',
    path: '/api/v1/tickets/offline',
    body: OfflineTicketSchema,
    response: TicketSchema,
    summary: 'A ticket a kiosk issued from its lease while cut off, taken in at the time it was issued; a repeat gets the same ticket',
  }),
  ticketStatus: route({
    method: 'GET',
    path: '/t/:token/status',
    body: null,
    response: TicketPageStatusSchema,
    authenticated: false,
    summary: "A ticket's state for its public page; the link's secret is the only key",
  }),
  evaluate: route({ method: 'POST', path: '/api/v1/evaluations', body: EvaluationInputSchema, response: EvaluationSchema }),
  createPrefill: route({
    method: 'POST',
    path: '/api/v1/prefills',
    body: z.object({ application: PrefillApplicationSchema }).strict(),
    response: PrefillTicketSchema,
    requestHeaders: [
      {
        name: 'Idempotency-Key',
        description: 'One per user action, the same on its retries; a repeat gets the first answer, another body with it is 422',
      },
    ],
  }),
  /** Opening takes the application off the hall server: a code works once. */
  openPrefill: route({
    method: 'POST',
    path: '/api/v1/prefills/open',
    body: z.object({ code: PrefillCodeSchema }).strict(),
    response: OpenedPrefillSchema,
  }),
  enrol: route({
    method: 'POST',
    path: '/api/v1/terminals/enrol',
    body: z.object({ code: EnrolmentCodeSchema, terminalId: TerminalIdSchema }).strict(),
    response: EnrolmentSchema,
    authenticated: false,
    summary: "A terminal trades the administrator's one-time enrolment code for its token",
  }),
  managerLogin: route({
    method: 'POST',
    path: '/api/v1/manager/login',
    body: ManagerLoginSchema,
    response: ManagerSessionSchema,
    authenticated: false,
    summary: "A hall manager's or supervisor's login to the console, with a password; the session goes in an HttpOnly cookie",
  }),
  managerSession: route({
    method: 'GET',
    path: '/api/v1/manager/session',
    body: null,
    response: ManagerSessionSchema,
    authenticated: CONSOLE_SESSION,
    summary: "Who the console's session cookie is, and until when (401 when it has ended)",
  }),
  managerLogout: route({
    method: 'POST',
    path: '/api/v1/manager/logout',
    body: z.object({}).strict(),
    response: z.object({ loggedOut: z.boolean() }),
    authenticated: CONSOLE_SESSION,
    summary: "Ends the console's session",
  }),
  liveHall: route({
    method: 'GET',
    path: '/api/v1/manager/hall',
    body: null,
    query: LiveHallQuerySchema,
    response: LiveHallSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'The live hall for the console; with ?after=SEQ the answer waits until the hall is past that event (at most 20 s)',
  }),
  addAlertRule: route({
    method: 'POST',
    path: '/api/v1/manager/alert-rules',
    body: AlertRuleInputSchema,
    response: AlertRuleSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager adds an alert rule: a wait, a queue or a pause over a threshold, or any 差评',
  }),
  removeAlertRule: route({
    method: 'POST',
    path: '/api/v1/manager/alert-rules/remove',
    body: AlertRuleRemovalSchema,
    response: z.object({ removed: z.literal(true) }),
    authenticated: CONSOLE_SESSION,
    summary: 'A manager removes an alert rule; its alerts clear',
  }),
  acknowledgeAlert: route({
    method: 'POST',
    path: '/api/v1/manager/alerts/acknowledge',
    body: AlertAcknowledgementSchema,
    response: AlertSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager acknowledges an alert, in the chained log with their name',
  }),
  followUps: route({
    method: 'GET',
    path: '/api/v1/manager/follow-ups',
    body: null,
    query: FollowUpListQuerySchema,
    response: FollowUpListSchema,
    authenticated: CONSOLE_SESSION,
    summary: '差评 work orders (?state=open, the default, or all): the rating, its window, clerk and 事项, the steps taken, the deadline',
  }),
  followUpStep: route({
    method: 'POST',
    path: '/api/v1/manager/follow-ups/step',
    body: FollowUpStepInputSchema,
    response: FollowUpOrderSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager records the next step of a work order: 核实, 申诉 and its 复核, 整改, 反馈 or 回访',
  }),
  workingCalendar: route({
    method: 'GET',
    path: '/api/v1/manager/calendar',
    body: null,
    response: WorkingCalendarSchema,
    authenticated: CONSOLE_SESSION,
    summary: "The hall's working days: the days a manager changed, and whether the holiday calendar lacks a year the hall needs",
  }),
  setWorkingDay: route({
    method: 'POST',
    path: '/api/v1/manager/calendar/days',
    body: WorkingDayOverrideInputSchema,
    response: WorkingCalendarSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager makes a day a working day (调休上班) or a day off (放假)',
  }),
  removeWorkingDay: route({
    method: 'POST',
    path: '/api/v1/manager/calendar/days/remove',
    body: WorkingDayRemovalSchema,
    response: WorkingCalendarSchema,
    authenticated: CONSOLE_SESSION,
    summary: "A manager takes a day's change back: the holiday calendar's word holds again",
  }),
  auditLog: route({
    method: 'GET',
    path: '/api/v1/manager/audit',
    body: null,
    query: AuditQuerySchema,
    response: AuditPageSchema,
    authenticated: CONSOLE_SESSION,
    summary: "电子监察: the hall's chained log, newest first, by local days (?from=&to=), actor, event type, and page (?before=SEQ)",
  }),
  auditCsv: route({
    method: 'GET',
    path: '/api/v1/manager/audit.csv',
    body: null,
    query: AuditQuerySchema,
    response: z.string(),
    responseMediaType: 'text/csv',
    authenticated: CONSOLE_SESSION,
    summary: 'The chained log as filtered, as CSV for a spreadsheet (at most 100,000 rows)',
  }),
  auditChain: route({
    method: 'GET',
    path: '/api/v1/manager/audit.jsonl',
    body: null,
    response: z.string(),
    responseMediaType: 'application/x-ndjson',
    authenticated: CONSOLE_SESSION,
    summary: 'The whole chained log as JSON lines, for 第三方监督评估: `onewindow-audit verify FILE` checks it',
  }),
  auditVerify: route({
    method: 'GET',
    path: '/api/v1/manager/audit/verify',
    body: null,
    response: AuditVerificationSchema,
    authenticated: CONSOLE_SESSION,
    summary: "The chained log checked whole, each hash and link, and against the platform's anchors of it",
  }),
  deadlineCards: route({
    method: 'GET',
    path: '/api/v1/manager/deadline-cards',
    body: null,
    response: DeadlineCardsSchema,
    authenticated: CONSOLE_SESSION,
    summary:
      "电子监察's yellow and red cards: the hall's 承诺件 near or past their promised dates, from the platform, by the hall's working days",
  }),
  settings: route({
    method: 'GET',
    path: '/api/v1/manager/settings',
    body: null,
    response: SettingsViewSchema,
    authenticated: CONSOLE_SESSION,
    summary: "The hall's settings in force (queues, windows, clerks, calling and appointment rules), their version and history",
  }),
  previewSettings: route({
    method: 'POST',
    path: '/api/v1/manager/settings/preview',
    body: SettingsEditSchema,
    /** warnings: what the hall allows but a manager should know ("中文 / English"), such as a queue no window calls. */
    response: z.object({ changes: z.array(SettingsChangeSchema), warnings: z.array(z.string()) }),
    authenticated: CONSOLE_SESSION,
    summary: 'What an edit of the settings would change, checked as applying it would be, without applying it',
  }),
  applySettings: route({
    method: 'POST',
    path: '/api/v1/manager/settings',
    body: SettingsEditSchema,
    response: SettingsAppliedSchema,
    authenticated: CONSOLE_SESSION,
    summary:
      'A manager applies an edit of the settings: in force at once on every server and terminal, in the chained log (409 when another came first)',
  }),
  undoSettings: route({
    method: 'POST',
    path: '/api/v1/manager/settings/undo',
    body: z.object({ version: z.number().int().min(1) }).strict(),
    response: SettingsAppliedSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager takes the latest settings version back: the one before it returns as a new version',
  }),
  consoleTerminals: route({
    method: 'GET',
    path: '/api/v1/manager/terminals',
    body: null,
    response: ConsoleTerminalListSchema,
    authenticated: CONSOLE_SESSION,
    summary: "The hall's terminals: listed in the file or enrolled, their role, window and whether they are revoked",
  }),
  consoleEnrol: route({
    method: 'POST',
    path: '/api/v1/manager/terminals/enrol',
    body: ConsoleEnrolmentInputSchema,
    response: ConsoleEnrolmentCodeSchema,
    authenticated: CONSOLE_SESSION,
    summary: 'A manager issues a one-time enrolment code for a terminal (a new one, or one whose token is to be replaced)',
  }),
  consoleRevoke: route({
    method: 'POST',
    path: '/api/v1/manager/terminals/revoke',
    body: z.object({ terminalId: TerminalIdSchema }).strict(),
    response: ConsoleTerminalListSchema,
    authenticated: CONSOLE_SESSION,
    summary: "A manager ends a terminal's access at once",
  }),
  stats: route({
    method: 'GET',
    path: '/api/v1/stats',
    body: null,
    query: StatsQuerySchema,
    response: HallStatsSchema,
    authenticated: CONSOLE_SESSION,
    summary:
      'Statistics of local days (?date=YYYY-MM-DD, or ?from=&to=; the service day when not given) for the console: by queue, window, hour, day and clerk (managers only), totals, ratings',
  }),
  statsCsv: route({
    method: 'GET',
    path: '/api/v1/stats.csv',
    body: null,
    query: StatsQuerySchema.extend({ by: z.enum(STATS_GROUPS).default('queue') }),
    response: z.string(),
    responseMediaType: 'text/csv',
    authenticated: CONSOLE_SESSION,
    summary:
      'Statistics as CSV for a spreadsheet, for the console: one row per queue, window, hour, day or clerk (?by=; clerk: managers only), then the totals',
  }),
  statsXlsx: route({
    method: 'GET',
    path: '/api/v1/stats.xlsx',
    body: null,
    query: StatsQuerySchema,
    response: z.custom<Uint8Array>((value) => value instanceof Uint8Array),
    responseMediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    authenticated: CONSOLE_SESSION,
    summary: 'Statistics as an Excel workbook for the console: a summary, then a sheet per view (by clerk: managers only)',
  }),
  reportDevices: route({
    method: 'POST',
    path: '/api/v1/terminals/devices',
    body: DeviceReportSchema,
    response: z.object({ recorded: z.literal(true) }),
    summary:
      "A terminal reports its devices' health (printer paper and cover, card reader, scanner) for the console, when it changes and every few minutes",
  }),
  /** The old token keeps working until the new one is first used: a terminal that crashed before saving the new one is not locked out. */
  rotateToken: route({
    method: 'POST',
    path: '/api/v1/terminals/token',
    body: z.object({}).strict(),
    response: z.object({ token: z.string() }),
    summary: 'A new token for the calling terminal; the one it called with ends when the new one is first used',
  }),
};

/** The WebSocket of hall events: `?after=SEQ` sends what came after SEQ (if not too much), then streams; without SEQ, `resync`. */
export const HALL_EVENTS_PATH = '/api/v1/events';
/** The WebSocket close code ("service restart") with which a stopping server closes its streams. */
export const SERVICE_RESTART_CLOSE_CODE = 1012;
/** A stream closed so (service restart, going away) belongs to a server that will be back: reconnect at once. */
export const isServerRestartClose = (code: number): boolean => code === SERVICE_RESTART_CLOSE_CODE || code === 1001;

export const HallStreamMessageSchema = z.discriminatedUnion('kind', [
  /** `live: false`: an event from before this connection opened, sent to catch up; it changes state, it starts nothing. */
  z.object({ kind: z.literal('event'), event: HallEventSchema, live: z.boolean() }),
  /** The client has no position, or one the stream will not continue from (ahead of the log, or too far behind): take a snapshot, then follow from `seq`. */
  z.object({ kind: z.literal('resync'), seq: z.number().int() }),
  /** Sent every `everyMs`, so a terminal whose stream went silent without closing knows it is cut off. */
  z.object({ kind: z.literal('heartbeat'), everyMs: z.number().int().positive() }),
]);
export type HallStreamMessage = z.infer<typeof HallStreamMessageSchema>;
