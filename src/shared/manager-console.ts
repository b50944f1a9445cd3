import { z } from 'zod';
import { TerminalIdSchema } from './terminal-config.js';
import { WindowViewSchema } from './hall-events.js';
import { QueueSummarySchema } from './tickets.js';
import { TERMINAL_ROLES } from './roles.js';
import { MANAGER_ROLES, ManagerIdSchema } from './manager-account.js';
import { AlertRuleSchema, AlertSchema } from './hall-alerts.js';
import { DeviceHealthSchema } from './device-health.js';

/** The cookie the console's session travels in: HttpOnly, so the page's scripts never hold it. */
export const MANAGER_SESSION_COOKIE = 'onewindow_manager';

export const ManagerLoginSchema = z
  .object({
    managerId: ManagerIdSchema,
    password: z.string().min(1, '请输入密码 / enter the password').max(200),
  })
  .strict();

export const ManagerSessionSchema = z.object({
  manager: z.object({ id: z.string(), name: z.string(), role: z.enum(MANAGER_ROLES) }),
  /** When the session ends unless it is used before: each request moves it on, up to `endsBy`. */
  expiresAt: z.string(),
  /** The latest a session lasts, however busy: a login a day at most. */
  endsBy: z.string(),
});
export type ManagerSession = z.infer<typeof ManagerSessionSchema>;

/** A queue as the manager watches it: the kiosk's figures and how long its longest waiter has been waiting. */
export const LiveQueueSchema = QueueSummarySchema.extend({
  /** When the first in line took the number; null with no one waiting. */
  oldestWaitingSince: z.string().nullable(),
});

/** A window as the manager watches it: the board's view and since when its current ticket is being served. */
export const LiveWindowSchema = WindowViewSchema.extend({
  /** When the current ticket was called; null when the window serves no one. */
  servingSince: z.string().nullable(),
});

export const LiveTerminalSchema = z.object({
  id: TerminalIdSchema,
  role: z.enum(TERMINAL_ROLES),
  window: z.number().int().nullable(),
  /** Whether it follows this hall server's event stream now (a terminal on another server of the pair shows false). */
  listening: z.boolean(),
  /** Its devices as it last reported them, and when; stale: no report for ten minutes (the terminal is off, or cannot reach the hall). */
  devices: z.array(DeviceHealthSchema),
  devicesReportedAt: z.string().nullable(),
  devicesStale: z.boolean(),
});

/** The hall at one moment, for the console: queues, windows, terminals, and the event it is current to. */
export const LiveHallSchema = z.object({
  seq: z.number().int().min(0),
  at: z.string(),
  hallName: z.string(),
  timeZone: z.string(),
  serviceDate: z.string(),
  queues: z.array(LiveQueueSchema),
  windows: z.array(LiveWindowSchema),
  terminals: z.array(LiveTerminalSchema),
  /** Alerts not yet acknowledged and those of the last hours, newest first; the rules that raise them. */
  alerts: z.array(AlertSchema),
  alertRules: z.array(AlertRuleSchema),
});
export type LiveHall = z.infer<typeof LiveHallSchema>;

/** `?after=SEQ`: answer once the hall is past that event (or after `LIVE_WAIT_MS` with the same state). */
export const LiveHallQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
});
/** How long the console's request for the next state may wait for an event before it is answered anyway. */
export const LIVE_WAIT_MS = 20_000;
