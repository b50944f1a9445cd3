import { expect, it } from 'vitest';
import { hallApi } from '../../src/shared/hall-api.js';
import { FollowUpListSchema, WorkingCalendarSchema, type FollowUpOrder } from '../../src/shared/follow-up.js';
import { LiveHallSchema } from '../../src/shared/manager-console.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();

/** A hall whose clock the test moves, with a clerk at window 5 and a manager's console session. */
async function hallAt(start: string, followUpWorkingDays = 5) {
  let now = new Date(start);
  const hall = await startHall({ ...TEST_HALL_WITH_CLERK, followUpWorkingDays }, { now: () => now });
  let cookie = await managerCookie(hall.base);
  const send = (path: string, body?: unknown, as = cookie) => consoleCall(hall.base, as, path, body);
  await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
  /** A ticket served at window 5 and rated `level`: the rating's answer. */
  const serveAndRate = async (level: number, extra: Record<string, unknown> = {}) => {
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    const called = (await hall.post('/api/v1/calls/next', { windowNumber: 5 })).body as { ticketId: string };
    await hall.post('/api/v1/calls/finish', { windowNumber: 5, serviceCodes: ['tax-invoice'] });
    return hall.post('/api/v1/evaluations', { ticketId: called.ticketId, level, ...extra });
  };
  const orders = async (state: 'open' | 'all' = 'open'): Promise<FollowUpOrder[]> =>
    FollowUpListSchema.parse((await send(`${hallApi.followUps.path}?state=${state}`)).body).orders;
  const step = (orderId: string, action: string, note: string, extra: Record<string, unknown> = {}) =>
    send(hallApi.followUpStep.path, { orderId, action, note, ...extra });
  const alerts = async () => LiveHallSchema.parse((await send(hallApi.liveHall.path)).body).alerts;
  return {
    hall,
    send,
    serveAndRate,
    orders,
    step,
    alerts,
    /** Days later, with a new login: a session lasts a day at most. */
    advanceDays: async (days: number) => {
      now = new Date(now.getTime() + days * 86_400_000);
      cookie = await managerCookie(hall.base);
    },
  };
}

eachEngine('差评 follow-up', () => {
  it('opens a work order with a 差评 and takes it through 核实, 整改, 反馈 and 回访, in the chained log, the rating untouched', async () => {
    const { hall, serveAndRate, orders, step } = await hallAt('2026-11-27T02:00:00Z');
    expect((await serveAndRate(2)).status).toBe(200);
    expect(await orders()).toEqual([]);
    const rated = await serveAndRate(5, { reasons: ['工作人员态度不好'], text: '说话很冲', contact: '13800138000' });
    expect(rated.status).toBe(200);

    const [order] = await orders();
    expect(order).toMatchObject({
      ticketNumber: 'C002',
      queueName: '税务',
      windowNumber: 5,
      windowName: '税务专窗',
      clerk: { id: TEST_CLERK.id, name: TEST_CLERK.name },
      serviceCodes: ['tax-invoice'],
      level: 5,
      reasons: ['工作人员态度不好'],
      text: '说话很冲',
      contact: '13800138000',
      stage: 'verify',
      // Friday 27 November with five working days: Friday 4 December.
      dueDate: '2026-12-04',
      overdue: false,
      steps: [],
    });

    // Steps out of turn are refused, with what to do.
    const early = await step(order!.id, 'feedback', '已电话告知');
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain('当前环节不能进行这一步');
    const revisitWithout = await step(order!.id, 'revisit', '已回访');
    expect(revisitWithout.status).toBe(400);

    expect((await step(order!.id, 'verify', '调取录像，工作人员语气生硬属实')).body).toMatchObject({ stage: 'rectify' });
    expect((await step(order!.id, 'rectify', '已对窗口人员批评教育并组织服务规范培训')).body).toMatchObject({ stage: 'feedback' });
    expect((await step(order!.id, 'feedback', '已电话向群众说明整改情况并致歉')).body).toMatchObject({ stage: 'revisit' });
    const closed = await step(order!.id, 'revisit', '群众表示认可', { revisitResult: 'satisfied' });
    expect(closed.body).toMatchObject({ stage: 'closed', outcome: 'resolved', contact: null });
    expect((closed.body as FollowUpOrder).steps.map((each) => [each.action, each.managerId])).toEqual([
      ['verify', 'admin'],
      ['rectify', 'admin'],
      ['feedback', 'admin'],
      ['revisit', 'admin'],
    ]);
    expect(await orders()).toEqual([]);
    expect((await orders('all'))[0]).toMatchObject({ id: order!.id, stage: 'closed' });
    expect((await step(order!.id, 'revisit', '再次回访', { revisitResult: 'satisfied' })).status).toBe(409);

    const rating = await hall.store.get<{ level: number; at: string }>(
      'SELECT level, at FROM evaluations WHERE id = ?',
      order!.evaluationId,
    );
    expect(rating).toEqual({ level: 5, at: order!.ratedAt });
    const log = await hall.store.all<{ type: string; actor: string; payload: string }>(
      "SELECT type, actor, payload FROM hall_events WHERE type LIKE 'followUp.%' ORDER BY seq",
    );
    expect(
      log.map((row) => [row.type, row.actor, (JSON.parse(row.payload) as { followUpAction?: string }).followUpAction ?? null]),
    ).toEqual([
      // The test hall enrols no terminals: the rating's sender is recorded as such.
      ['followUp.opened', 'unenrolled', null],
      ['followUp.stepRecorded', 'manager:admin', 'verify'],
      ['followUp.stepRecorded', 'manager:admin', 'rectify'],
      ['followUp.stepRecorded', 'manager:admin', 'feedback'],
      ['followUp.stepRecorded', 'manager:admin', 'revisit'],
    ]);
  });

  it('takes an appeal to 复核: upheld it closes the order, rejected it goes on to 整改; a supervisor only looks', async () => {
    const { serveAndRate, orders, step, send, hall } = await hallAt('2026-11-27T02:00:00Z');
    await serveAndRate(4);
    await serveAndRate(5);
    const [first, second] = await orders();
    expect((await step(first!.id, 'appeal', '群众误点评价，现场已表示满意')).body).toMatchObject({ stage: 'appeal' });
    expect((await step(first!.id, 'appealUpheld', '复核录像属实，申诉成立')).body).toMatchObject({
      stage: 'closed',
      outcome: 'appealUpheld',
    });
    await step(second!.id, 'appeal', '评价与办理情况不符');
    expect((await step(second!.id, 'appealRejected', '复核后申诉不成立')).body).toMatchObject({ stage: 'rectify' });

    const supervisor = await managerCookie(hall.base, TEST_SUPERVISOR);
    expect((await send(hallApi.followUps.path, undefined, supervisor)).status).toBe(200);
    const refused = await send(hallApi.followUpStep.path, { orderId: second!.id, action: 'rectify', note: '已整改' }, supervisor);
    expect(refused.status).toBe(403);
    // The ratings stay as the citizens gave them.
    expect(await hall.store.all('SELECT level FROM evaluations ORDER BY at')).toEqual([{ level: 4 }, { level: 5 }]);
  });

  it('refuses a contact that is no phone number, with what to enter', async () => {
    const { serveAndRate } = await hallAt('2026-11-27T02:00:00Z');
    const refused = await serveAndRate(5, { contact: '12345' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('请填写手机号');
  });

  it('counts deadlines in working days over holidays and the manager’s changes, and raises an alert when one is missed', async () => {
    // Wednesday 30 September 2026: 国庆 runs 1–7 October, and Saturday 10 October is worked.
    const { serveAndRate, orders, step, send, alerts, advanceDays } = await hallAt('2026-09-30T02:00:00Z', 3);
    await serveAndRate(5);
    const [order] = await orders();
    expect(order!.dueDate).toBe('2026-10-10');

    // A day off the hall adds pushes it on; taken back, the calendar's holds again.
    const set = await send(hallApi.setWorkingDay.path, { date: '2026-10-09', working: false, note: '本地停电闭厅' });
    expect(set.status).toBe(200);
    expect(WorkingCalendarSchema.parse(set.body).overrides).toEqual([
      expect.objectContaining({ date: '2026-10-09', working: false, note: '本地停电闭厅', setBy: 'admin' }),
    ]);
    expect((await orders())[0]!.dueDate).toBe('2026-10-12');
    expect((await send(hallApi.removeWorkingDay.path, { date: '2026-10-09' })).status).toBe(200);
    expect((await send(hallApi.removeWorkingDay.path, { date: '2026-10-09' })).status).toBe(404);
    expect((await orders())[0]!.dueDate).toBe('2026-10-10');

    await advanceDays(11);
    await expect
      .poll(async () => (await alerts()).find((alert) => alert.kind === 'overdueFollowUp'), { timeout: 15_000 })
      .toMatchObject({ subject: order!.id, subjectName: order!.ticketNumber, value: 3, clearedAt: null });
    expect((await orders())[0]!.overdue).toBe(true);

    await step(order!.id, 'appeal', '评价系误操作');
    await step(order!.id, 'appealUpheld', '申诉成立');
    await expect
      .poll(async () => (await alerts()).find((alert) => alert.kind === 'overdueFollowUp')?.clearedAt ?? null, { timeout: 15_000 })
      .not.toBeNull();
  });

  it('warns from December when the holiday calendar lacks next year, until the manager enters its days', async () => {
    const november = await hallAt('2026-11-27T02:00:00Z');
    expect(WorkingCalendarSchema.parse((await november.send(hallApi.workingCalendar.path)).body)).toMatchObject({
      knownThrough: 2026,
      missingYear: null,
    });
    const december = await hallAt('2026-12-04T02:00:00Z');
    expect(WorkingCalendarSchema.parse((await december.send(hallApi.workingCalendar.path)).body).missingYear).toBe(2027);
    const bad = await december.send(hallApi.setWorkingDay.path, { date: '2027-02-30', working: false, note: '春节' });
    expect(bad.status).toBe(400);
    const entered = await december.send(hallApi.setWorkingDay.path, { date: '2027-01-01', working: false, note: '元旦' });
    expect(WorkingCalendarSchema.parse(entered.body).missingYear).toBeNull();
  });
});
