import { z } from 'zod';
import { FOLLOW_UP_ACTIONS } from './follow-up.js';

/**
 * What the hall server tells every kiosk, counter and board, in order: each event has the next
 * sequence number, so a client that reconnects asks for what came after the last one it saw.
 */
/** What moves the numbers and windows a board or kiosk shows; nothing about clerks, terminals or the set-up. */
export const PUBLIC_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.noShow',
  'ticket.reinstated',
  'ticket.transferred',
  'ticket.parked',
  'ticket.resumed',
  'ticket.finished',
  'ticket.cancelled',
  'window.paused',
  'window.resumed',
  /** A manager changed the queues, windows or rules: every screen reads them again (who and what is in the log, not here). */
  'hall.settingsChanged',
] as const;
/** Who is on duty at a window: for staff screens only. */
export const CLERK_EVENT_TYPES = ['clerk.loggedIn', 'clerk.loggedOut'] as const;
const QUEUE_EVENT_TYPES = [...PUBLIC_EVENT_TYPES, ...CLERK_EVENT_TYPES] as const;
/** Changes to who may use the hall and how it is set up: in the chained log for supervision, of no use to a page. */
export const SUPERVISION_EVENT_TYPES = [
  'clerk.loginFailed',
  'manager.loggedIn',
  'manager.loginFailed',
  'manager.loggedOut',
  'terminal.codeIssued',
  'terminal.enrolled',
  'terminal.tokenRotated',
  'terminal.revoked',
  'terminal.devicesChanged',
  'hall.configChanged',
  'evaluation.recorded',
  'alert.ruleAdded',
  'alert.ruleRemoved',
  'alert.raised',
  'alert.cleared',
  'alert.acknowledged',
  'followUp.opened',
  'followUp.stepRecorded',
  'calendar.daySet',
  'calendar.dayRemoved',
] as const;
export const HALL_EVENT_TYPES = [...QUEUE_EVENT_TYPES, ...SUPERVISION_EVENT_TYPES] as const;
export const isSupervisionEvent = (type: HallEventType): boolean => (SUPERVISION_EVENT_TYPES as readonly HallEventType[]).includes(type);
export type HallEventType = (typeof HALL_EVENT_TYPES)[number];

export const HallTicketRefSchema = z.object({
  ticketId: z.string(),
  ticketNumber: z.string(),
  queueId: z.string(),
  queueName: z.string(),
  windowNumber: z.number().int().nullable(),
  windowName: z.string().nullable(),
  /** For calls: what the board shows and says ("请A001号到3号窗口办理"); never a name. */
  announcement: z.string().nullable(),
  /** Issued at a kiosk while no hall server answered (离线取号), taken in since: the clerk sees why its number is high. */
  offline: z.boolean().default(false),
  /** When the number was taken (for an offline one, at the kiosk): where it stands in line. */
  issuedAt: z.string().nullable().default(null),
});
export type HallTicketRef = z.infer<typeof HallTicketRefSchema>;

export const HallEventSchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  type: z.enum(HALL_EVENT_TYPES),
  ticket: HallTicketRefSchema.nullable(),
  windowNumber: z.number().int().nullable(),
  /** With a transfer: the clerk's note for the window that takes the ticket. */
  note: z.string().optional(),
  /** With clerk.loggedIn: the clerk who logged in, to whom the window's calls are credited until they log out; with clerk.loggedOut, who left. */
  clerkId: z.string().optional(),
  /** With clerk.loginFailed: how many tries the window or clerk had left after it (no PIN, no card number: only the clerk id, when it is one). */
  triesLeft: z.number().int().min(0).optional(),
  /** With a manager.* event: the console's account (a failed login names it only when it is one). */
  managerId: z.string().optional(),
  /** With evaluation.recorded: the rating (its level is in the evaluations table, not repeated in the log). */
  evaluationId: z.string().optional(),
  /** With an alert.* event: the alert rule added or removed, the alert raised, cleared or acknowledged. */
  alertRuleId: z.string().optional(),
  alertId: z.string().optional(),
  /** With a followUp.* event: the 差评's work order, and the step recorded (核实, 整改, …; the note stays in the order). */
  followUpId: z.string().optional(),
  followUpAction: z.enum(FOLLOW_UP_ACTIONS).optional(),
  /** With a calendar.* event: the day a manager made a working day or a day off, or put back. */
  calendarDate: z.string().optional(),
  /** With a terminal.* event: the terminal enrolled, rotated or revoked. */
  terminalId: z.string().optional(),
  /** With hall.configChanged: the SHA-256 of the configuration the hall started with. */
  configSha256: z.string().optional(),
  /** With hall.settingsChanged: the settings' version now in force (the table hall_settings holds what changed). */
  settingsVersion: z.number().int().min(1).optional(),
});
export type HallEvent = z.infer<typeof HallEventSchema>;

export const WindowViewSchema = z.object({
  number: z.number().int(),
  name: z.string(),
  paused: z.boolean(),
  /** The clerk logged in at the window; shown to the applicant by name, as halls do. */
  clerk: z.object({ id: z.string(), name: z.string() }).nullable(),
  current: HallTicketRefSchema.nullable(),
  parked: z.array(HallTicketRefSchema),
});
export type WindowView = z.infer<typeof WindowViewSchema>;
