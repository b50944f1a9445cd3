import { ApiError } from '../shared/errors.js';
import { FOLLOW_UP_FLOW, type FollowUpAction, type FollowUpOrder, type FollowUpStage, type REVISIT_RESULTS } from '../shared/follow-up.js';
import { uuidv7 } from '../shared/uuid.js';
import type { EventLog } from './event-log.js';
import type { HallStore, SqlValue } from './storage/store.js';
import type { LiveConfig } from './live-config.js';
import { addWorkingDays, type WorkingCalendarService } from './working-days.js';

type RevisitResult = (typeof REVISIT_RESULTS)[number];

interface OrderRow {
  id: string;
  evaluation_id: string;
  opened_date: string;
  working_days: number;
  stage: FollowUpStage;
  outcome: 'resolved' | 'appealUpheld' | null;
  contact: string | null;
  closed_at: string | null;
  ticket_number: string;
  queue_id: string;
  window_number: number | null;
  clerk_id: string | null;
  service_codes: string | null;
  level: number;
  reasons: string;
  text: string | null;
  at: string;
}

interface StepRow {
  order_id: string;
  action: FollowUpAction;
  note: string;
  revisit_result: RevisitResult | null;
  manager_id: string;
  at: string;
}

const ORDERS = `SELECT follow_up_orders.*, tickets.ticket_number, tickets.queue_id, tickets.clerk_id, tickets.service_codes,
    evaluations.window_number, evaluations.level, evaluations.reasons, evaluations.text, evaluations.at
  FROM follow_up_orders
  JOIN evaluations ON evaluations.id = follow_up_orders.evaluation_id
  JOIN tickets ON tickets.id = evaluations.ticket_id`;

/**
 * The hall's 差评 work orders: one is opened with each 不满意 or 非常不满意 (in the rating's transaction), and
 * managers take it through 核实 → 整改 → 反馈 → 回访, or 申诉复核, each step a note in the order and an event
 * in the chained log. Deadlines are the hall's working days from the rating's day, counted on the holiday
 * calendar as it stands (a day the manager sets later moves them). The citizen's contact is kept only while
 * the order is open.
 */
export function createFollowUps(
  store: HallStore,
  config: LiveConfig,
  events: EventLog,
  calendar: WorkingCalendarService,
  today: () => string,
  now: () => Date,
) {
  const queueName = (id: string) => config.current().queues.find((queue) => queue.id === id)?.name ?? id;
  const windowName = (number: number | null) => config.current().windows.find((window) => window.number === number)?.name ?? null;
  const clerkOf = (id: string | null) => {
    if (id === null) return null;
    return { id, name: config.current().clerks.find((clerk) => clerk.id === id)?.name ?? id };
  };

  async function ordersWhere(where: string, ...params: SqlValue[]): Promise<FollowUpOrder[]> {
    const rows = await store.all<OrderRow>(`${ORDERS} ${where}`, ...params);
    if (rows.length === 0) return [];
    const overrides = await calendar.overrides();
    const steps = await store.all<StepRow>(
      `SELECT * FROM follow_up_steps WHERE order_id IN (${rows.map(() => '?').join(', ')}) ORDER BY at, id`,
      ...rows.map((row) => row.id),
    );
    const date = today();
    return rows.map((row) => {
      const dueDate = addWorkingDays(row.opened_date, row.working_days, overrides);
      return {
        id: row.id,
        evaluationId: row.evaluation_id,
        ticketNumber: row.ticket_number,
        queueName: queueName(row.queue_id),
        windowNumber: row.window_number,
        windowName: windowName(row.window_number),
        clerk: clerkOf(row.clerk_id),
        serviceCodes: row.service_codes ? (JSON.parse(row.service_codes) as string[]) : [],
        level: row.level,
        reasons: JSON.parse(row.reasons) as string[],
        text: row.text,
        contact: row.contact,
        ratedAt: row.at,
        stage: row.stage,
        outcome: row.outcome,
        dueDate,
        workingDays: row.working_days,
        overdue: row.stage !== 'closed' && date > dueDate,
        closedAt: row.closed_at,
        steps: steps
          .filter((step) => step.order_id === row.id)
          .map((step) => ({
            action: step.action,
            note: step.note,
            revisitResult: step.revisit_result,
            managerId: step.manager_id,
            at: step.at,
          })),
      };
    });
  }

  return {
    /** Opens the order of a 差评 just recorded: inside the rating's transaction, by the terminal that sent it. */
    async open(evaluationId: string, serviceDate: string, contact: string | null): Promise<void> {
      const id = uuidv7();
      await store.run(
        `INSERT INTO follow_up_orders (id, evaluation_id, opened_at, opened_date, working_days, stage, contact)
         VALUES (?, ?, ?, ?, ?, 'verify', ?)`,
        id,
        evaluationId,
        now().toISOString(),
        serviceDate,
        config.current().followUpWorkingDays,
        contact,
      );
      await events.append('followUp.opened', null, null, { evaluationId, followUpId: id });
    },

    /** Open orders, oldest first (the most urgent on top); or the last 200 of all, newest first. */
    list(state: 'open' | 'all'): Promise<FollowUpOrder[]> {
      return store.read(() =>
        state === 'open'
          ? ordersWhere("WHERE follow_up_orders.stage <> 'closed' ORDER BY follow_up_orders.opened_at, follow_up_orders.id")
          : ordersWhere('ORDER BY follow_up_orders.opened_at DESC, follow_up_orders.id DESC LIMIT 200'),
      );
    },

    /** Open orders past their last day, for the console's alerts (read inside the alert check's transaction). */
    async overdue(): Promise<FollowUpOrder[]> {
      return (await ordersWhere("WHERE follow_up_orders.stage <> 'closed'")).filter((order) => order.overdue);
    },

    async step(
      input: { orderId: string; action: FollowUpAction; note: string; revisitResult?: RevisitResult },
      managerId: string,
    ): Promise<FollowUpOrder> {
      return events.withActor(`manager:${managerId}`, () =>
        store.transaction(async () => {
          const row = await store.get<{ stage: FollowUpStage }>('SELECT stage FROM follow_up_orders WHERE id = ?', input.orderId);
          if (!row) throw new ApiError('NOT_FOUND', '没有这张差评工单 / no such work order');
          const next = FOLLOW_UP_FLOW[row.stage][input.action];
          if (next === undefined)
            throw new ApiError(
              'REFUSED',
              row.stage === 'closed'
                ? '该工单已办结，不能再更改 / this work order is closed and cannot change'
                : "该工单当前环节不能进行这一步，请刷新后按页面所示办理 / this step does not follow the order's current stage: reload and take the step shown",
            );
          const at = now().toISOString();
          await store.run(
            'INSERT INTO follow_up_steps (id, order_id, action, note, revisit_result, manager_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            uuidv7(),
            input.orderId,
            input.action,
            input.note,
            input.revisitResult ?? null,
            managerId,
            at,
          );
          if (next === 'closed') {
            // The contact was for the return call: once the order is closed the hall has no use for it.
            await store.run(
              'UPDATE follow_up_orders SET stage = ?, outcome = ?, closed_at = ?, contact = NULL WHERE id = ?',
              next,
              input.action === 'appealUpheld' ? 'appealUpheld' : 'resolved',
              at,
              input.orderId,
            );
          } else {
            await store.run('UPDATE follow_up_orders SET stage = ? WHERE id = ?', next, input.orderId);
          }
          await events.append('followUp.stepRecorded', null, null, {
            managerId,
            followUpId: input.orderId,
            followUpAction: input.action,
          });
          return (await ordersWhere('WHERE follow_up_orders.id = ?', input.orderId))[0]!;
        }),
      );
    },
  };
}

export type FollowUps = ReturnType<typeof createFollowUps>;
