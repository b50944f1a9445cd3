import { ApiError } from '../shared/errors.js';
import {
  DEVICE_FAULT_RULE,
  OVERDUE_FOLLOW_UP_RULE,
  type Alert,
  type AlertKind,
  type AlertRule,
  type AlertRuleKind,
} from '../shared/hall-alerts.js';
import { localDate } from '../shared/local-date.js';
import { uuidv7 } from '../shared/uuid.js';
import type { EventLog } from './event-log.js';
import type { FollowUps } from './follow-ups.js';
import type { HallStore } from './storage/store.js';
import type { LiveConfig } from './live-config.js';
import { DEVICE_REPORT_STALE_MS, type TerminalDevices } from './terminal-devices.js';

/** How often the rules are looked at without an event: waits and pauses grow by themselves. */
export const ALERT_CHECK_MS = 10_000;
/** The console shows every alert not yet acknowledged and those of the last hours, newest first, at most this many. */
const SHOWN_ALERTS = 50;
const SHOWN_HOURS = 12;

interface RuleRow {
  id: string;
  kind: AlertKind;
  threshold: number;
  queue_id: string | null;
  created_by: string;
  created_at: string;
}

interface AlertRow {
  id: string;
  rule_id: string;
  kind: AlertKind;
  subject: string;
  subject_name: string;
  value: number;
  threshold: number;
  raised_at: string;
  cleared_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** A rule's condition holding for one queue, window or rating now. */
interface Condition {
  rule: RuleRow;
  subject: string;
  subjectName: string;
  value: number;
}

const ruleOf = (row: RuleRow): AlertRule => ({
  id: row.id,
  kind: row.kind as AlertRuleKind,
  threshold: row.threshold,
  queueId: row.queue_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const alertOf = (row: AlertRow): Alert => ({
  id: row.id,
  ruleId: row.rule_id,
  kind: row.kind,
  subject: row.subject,
  subjectName: row.subject_name,
  value: Number(row.value),
  threshold: row.threshold,
  raisedAt: row.raised_at,
  clearedAt: row.cleared_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
});

const minutesSince = (at: string, now: Date) => Math.floor((now.getTime() - Date.parse(at)) / 60_000);

/**
 * The manager's alert rules and the alerts they raise. The rules are looked at after every event and every
 * ALERT_CHECK_MS, in one transaction of the hall (so two servers of a pair raise an alert once): a condition
 * that starts holding raises an alert, one that stops clears it; an alert stays on the console until a
 * manager acknowledges it, and the same rule raises again for the same queue or window only after it
 * cleared. Every rule change, alert and acknowledgement is in the chained log. Without any rule, a 差评
 * work order past its last working day raises an alert too; whether one is is looked at every
 * ALERT_CHECK_MS and after a work order or the calendar changes, not after every event (a day passing
 * is what makes most of them overdue).
 */
export function createAlerts(
  store: HallStore,
  config: LiveConfig,
  events: EventLog,
  followUps: FollowUps,
  devices: TerminalDevices,
  now: () => Date,
) {
  const queueNames = config.derived((hall) => new Map(hall.queues.map((queue) => [queue.id, queue.name])));
  const windowsOfQueue = (queueId: string) =>
    config
      .current()
      .windows.filter((window) => window.queues.some((served) => served.queueId === queueId))
      .map((window) => window.number);
  const serviceDate = () => localDate(now(), config.current().timeZone);

  /** Every rule's condition as the hall stands: read inside the caller's transaction. */
  async function conditions(rules: RuleRow[]): Promise<Condition[]> {
    const date = serviceDate();
    const at = now();
    const waiting = await store.all<{ queue_id: string; n: number; since: string }>(
      "SELECT queue_id, count(*) AS n, MIN(issued_at) AS since FROM tickets WHERE service_date = ? AND state = 'waiting' GROUP BY queue_id",
      date,
    );
    const windowState = await store.all<{ window_number: number; paused: number; updated_at: string; clerk_id: string | null }>(
      'SELECT window_number, paused, updated_at, clerk_id FROM window_state',
    );
    const serving = new Set(
      (
        await store.all<{ window_number: number }>("SELECT window_number FROM tickets WHERE service_date = ? AND state = 'called'", date)
      ).map((row) => row.window_number),
    );
    const rated = rules.some((rule) => rule.kind === 'badReview')
      ? await store.all<{ id: string; at: string; level: number; ticket_number: string }>(
          'SELECT evaluations.id, evaluations.at, evaluations.level, tickets.ticket_number FROM evaluations JOIN tickets ON tickets.id = evaluations.ticket_id WHERE evaluations.service_date = ? AND evaluations.follow_up = 1',
          date,
        )
      : [];
    const stateOf = (number: number) => windowState.find((row) => row.window_number === number);
    // A window that could call and does not: open (a clerk at it, where the hall has clerks) and serving no one; or paused.
    const standing = (number: number) => {
      const state = stateOf(number);
      if (state?.paused) return true;
      return !serving.has(number) && (config.current().clerks.length === 0 || Boolean(state?.clerk_id));
    };
    const found: Condition[] = [];
    for (const rule of rules) {
      const queues = waiting.filter((row) => rule.queue_id === null || row.queue_id === rule.queue_id);
      const queueCondition = (row: (typeof waiting)[number], value: number) => ({
        rule,
        subject: row.queue_id,
        subjectName: queueNames().get(row.queue_id) ?? row.queue_id,
        value,
      });
      if (rule.kind === 'longWait') {
        for (const row of queues) {
          const minutes = minutesSince(row.since, at);
          if (minutes >= rule.threshold) found.push(queueCondition(row, minutes));
        }
      } else if (rule.kind === 'longQueue') {
        for (const row of queues) {
          if (row.n > rule.threshold && windowsOfQueue(row.queue_id).some(standing)) found.push(queueCondition(row, row.n));
        }
      } else if (rule.kind === 'longPause') {
        for (const window of config.current().windows) {
          const state = stateOf(window.number);
          // A pause's start is when the window's state last changed (a pause, or a clerk logging in while paused).
          const minutes = state?.paused ? minutesSince(state.updated_at, at) : -1;
          if (minutes >= rule.threshold) found.push({ rule, subject: String(window.number), subjectName: window.name, value: minutes });
        }
      } else {
        for (const rating of rated.filter((row) => row.at >= rule.created_at)) {
          found.push({ rule, subject: rating.id, subjectName: rating.ticket_number, value: rating.level });
        }
      }
    }
    return found;
  }

  const overdueRule: RuleRow = {
    id: OVERDUE_FOLLOW_UP_RULE,
    kind: 'overdueFollowUp',
    threshold: 0,
    queue_id: null,
    created_by: 'hall',
    created_at: '',
  };
  let overdue: Condition[] = [];
  let overdueLookedAt = -Infinity;
  async function overdueOrders(): Promise<Condition[]> {
    if (now().getTime() - overdueLookedAt < ALERT_CHECK_MS) return overdue;
    overdue = (await followUps.overdue()).map((order) => ({
      rule: { ...overdueRule, threshold: order.workingDays },
      subject: order.id,
      subjectName: order.ticketNumber,
      value: order.workingDays,
    }));
    overdueLookedAt = now().getTime();
    return overdue;
  }

  const deviceRule: RuleRow = { ...overdueRule, id: DEVICE_FAULT_RULE, kind: 'deviceFault' };
  /** Each device a terminal reported it cannot work with, while the report is fresh (an old one says nothing of now). */
  async function deviceFaults(): Promise<Condition[]> {
    const at = now().getTime();
    return [...(await devices.all())]
      .filter(([, report]) => at - Date.parse(report.reportedAt) <= DEVICE_REPORT_STALE_MS)
      .flatMap(([terminalId, report]) =>
        report.devices
          .filter((device) => device.ok === false)
          .map((device) => ({
            rule: deviceRule,
            subject: `${terminalId}/${device.id}`,
            subjectName: `${terminalId} · ${device.message}`,
            value: 0,
          })),
      );
  }

  async function check(): Promise<void> {
    await events.withActor('hall', () =>
      store.transaction(async () => {
        const rules = await store.all<RuleRow>('SELECT * FROM alert_rules WHERE removed_at IS NULL');
        const open = await store.all<AlertRow>('SELECT * FROM alerts WHERE cleared_at IS NULL');
        const late = [...(await overdueOrders()), ...(await deviceFaults())];
        idle = rules.length === 0 && open.length === 0 && late.length === 0;
        if (idle) return;
        const holding = [...(await conditions(rules)), ...late];
        const at = now().toISOString();
        const key = (ruleId: string, subject: string) => `${ruleId} ${subject}`;
        const holds = new Set(holding.map((condition) => key(condition.rule.id, condition.subject)));
        const raised = new Set(open.map((alert) => key(alert.rule_id, alert.subject)));
        for (const alert of open.filter((each) => !holds.has(key(each.rule_id, each.subject)))) {
          await store.run('UPDATE alerts SET cleared_at = ? WHERE id = ?', at, alert.id);
          await events.append('alert.cleared', null, null, { alertId: alert.id });
        }
        for (const condition of holding.filter((each) => !raised.has(key(each.rule.id, each.subject)))) {
          const id = uuidv7();
          await store.run(
            'INSERT INTO alerts (id, rule_id, kind, subject, subject_name, value, threshold, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
            id,
            condition.rule.id,
            condition.rule.kind,
            condition.subject,
            condition.subjectName,
            condition.value,
            condition.rule.threshold,
            at,
          );
          await events.append('alert.raised', null, null, { alertId: id, alertRuleId: condition.rule.id });
        }
      }),
    );
  }

  // Nothing to look at (no rules, no alert open): events do not start a check, only the timer and a new rule do.
  let idle = false;
  // One check at a time; an event during a check asks for one more after it, not one each.
  let running: Promise<void> | null = null;
  let again = false;
  function requestCheck(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await check();
      } while (again);
    })().finally(() => (running = null));
    return running;
  }

  const manager = (managerId: string) => `manager:${managerId}`;

  return {
    requestCheck,

    /** Checks after each event of the hall (not its own alerts') and every ALERT_CHECK_MS; the stop waits for a check under way. */
    start(onError: (error: Error) => void): () => Promise<void> {
      const checkNow = () => void requestCheck().catch(onError);
      const unsubscribe = events.subscribe((event) => {
        if (event.type === 'alert.ruleAdded') idle = false;
        if (event.type === 'terminal.devicesChanged') {
          checkNow();
          return;
        }
        if (event.type.startsWith('followUp.') || event.type.startsWith('calendar.')) {
          overdueLookedAt = -Infinity;
          checkNow();
          return;
        }
        if (event.type === 'alert.ruleAdded' || (!idle && !event.type.startsWith('alert.'))) checkNow();
      });
      const timer = setInterval(checkNow, ALERT_CHECK_MS);
      checkNow();
      return async () => {
        clearInterval(timer);
        unsubscribe();
        await running?.catch(() => undefined);
      };
    },

    async rules(): Promise<AlertRule[]> {
      return (await store.all<RuleRow>('SELECT * FROM alert_rules WHERE removed_at IS NULL ORDER BY created_at, id')).map(ruleOf);
    },

    /** Alerts not yet acknowledged, and those of the last SHOWN_HOURS, newest first (ISO instants sort as text). */
    async shown(): Promise<Alert[]> {
      const since = new Date(now().getTime() - SHOWN_HOURS * 3_600_000).toISOString();
      const rows = await store.all<AlertRow>(
        'SELECT * FROM alerts WHERE acknowledged_at IS NULL OR raised_at >= ? ORDER BY raised_at DESC, id DESC LIMIT ?',
        since,
        SHOWN_ALERTS,
      );
      return rows.map(alertOf);
    },

    async addRule(input: { kind: AlertRuleKind; threshold: number; queueId: string | null }, managerId: string): Promise<AlertRule> {
      if (input.queueId !== null && !queueNames().has(input.queueId))
        throw new ApiError(
          'INVALID_INPUT',
          `没有队列 ${input.queueId}，请从列表中选择 / there is no queue ${input.queueId}: pick one from the list`,
        );
      const row: RuleRow = {
        id: uuidv7(),
        kind: input.kind,
        threshold: input.threshold,
        queue_id: input.kind === 'longWait' || input.kind === 'longQueue' ? input.queueId : null,
        created_by: managerId,
        created_at: now().toISOString(),
      };
      await events.withActor(manager(managerId), () =>
        store.transaction(async () => {
          await store.run(
            'INSERT INTO alert_rules (id, kind, threshold, queue_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)',
            row.id,
            row.kind,
            row.threshold,
            row.queue_id,
            row.created_by,
            row.created_at,
          );
          await events.append('alert.ruleAdded', null, null, { managerId, alertRuleId: row.id });
        }),
      );
      return ruleOf(row);
    },

    async removeRule(ruleId: string, managerId: string): Promise<void> {
      await events.withActor(manager(managerId), () =>
        store.transaction(async () => {
          const changed = await store.run(
            'UPDATE alert_rules SET removed_at = ? WHERE id = ? AND removed_at IS NULL',
            now().toISOString(),
            ruleId,
          );
          if (changed === 0)
            throw new ApiError('NOT_FOUND', '没有这条提醒规则，可能已被删除 / no such alert rule: it may have been removed already');
          await events.append('alert.ruleRemoved', null, null, { managerId, alertRuleId: ruleId });
        }),
      );
    },

    async acknowledge(alertId: string, managerId: string): Promise<Alert> {
      return events.withActor(manager(managerId), () =>
        store.transaction(async () => {
          const row = await store.get<AlertRow>('SELECT * FROM alerts WHERE id = ?', alertId);
          if (!row) throw new ApiError('NOT_FOUND', '没有这条提醒 / no such alert');
          if (row.acknowledged_at !== null) return alertOf(row);
          const at = now().toISOString();
          await store.run('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?', at, managerId, alertId);
          await events.append('alert.acknowledged', null, null, { managerId, alertId });
          return alertOf({ ...row, acknowledged_at: at, acknowledged_by: managerId });
        }),
      );
    },
  };
}

export type HallAlerts = ReturnType<typeof createAlerts>;
