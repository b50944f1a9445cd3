import { expect, it } from 'vitest';
import { hallApi } from '../../src/shared/hall-api.js';
import type { Alert } from '../../src/shared/hall-alerts.js';
import { LiveHallSchema, type LiveHall } from '../../src/shared/manager-console.js';
import { TEST_HALL_WITH_CLERK, TEST_CLERK, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { useHallServersOnEachEngine, type RunningHall } from '../helpers/hall-http.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();

async function hallAt(start: string) {
  let now = new Date(start);
  const hall = await startHall(TEST_HALL_WITH_CLERK, { now: () => now });
  const cookie = await managerCookie(hall.base);
  const send = (path: string, body?: unknown, as = cookie) => consoleCall(hall.base, as, path, body);
  const live = async (): Promise<LiveHall> => LiveHallSchema.parse((await send(hallApi.liveHall.path)).body);
  return { hall, send, live, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

/** The alerts once the hall has looked at its rules again (a check follows each event). */
async function alertsAfterCheck(live: () => Promise<LiveHall>, until: (alerts: Alert[]) => boolean): Promise<Alert[]> {
  let alerts: Alert[] = [];
  await expect.poll(async () => until((alerts = (await live()).alerts)), { timeout: 5000 }).toBe(true);
  return alerts;
}

async function chainedLog(hall: RunningHall) {
  return hall.store.all<{ type: string; actor: string; payload: string }>(
    "SELECT type, actor, payload FROM hall_events WHERE type LIKE 'alert.%' ORDER BY seq",
  );
}

eachEngine('alerts on the console', () => {
  it('raises a wait alert once the longest wait passes the rule, keeps it until acknowledged, and clears it when the wait ends', async () => {
    const { hall, send, live, advance } = await hallAt('2026-11-27T01:00:00Z');
    const rule = await send(hallApi.addAlertRule.path, { kind: 'longWait', threshold: 10, queueId: 'comprehensive' });
    expect(rule.status).toBe(200);
    expect(rule.body).toMatchObject({ kind: 'longWait', threshold: 10, queueId: 'comprehensive', createdBy: 'admin' });
    await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    advance(9);
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    expect((await live()).alerts).toEqual([]);

    advance(3);
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    const [raised] = await alertsAfterCheck(live, (alerts) => alerts.length === 1);
    expect(raised).toMatchObject({
      kind: 'longWait',
      subject: 'comprehensive',
      subjectName: '综合一窗',
      value: 12,
      threshold: 10,
      clearedAt: null,
    });
    // Another event, the same wait: no second alert.
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    expect((await live()).alerts).toHaveLength(1);

    const acknowledged = await send(hallApi.acknowledgeAlert.path, { alertId: raised!.id });
    expect(acknowledged.body).toMatchObject({ id: raised!.id, acknowledgedBy: 'admin' });
    expect((await live()).alerts[0]).toMatchObject({ acknowledgedBy: 'admin' });

    await hall.post('/api/v1/clerks/login', { windowNumber: 2, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    const [cleared] = await alertsAfterCheck(live, (alerts) => alerts[0]?.clearedAt !== null);
    expect(cleared).toMatchObject({ id: raised!.id, acknowledgedBy: 'admin' });

    const log = await chainedLog(hall);
    expect(log.map((row) => [row.type, row.actor])).toEqual([
      ['alert.ruleAdded', 'manager:admin'],
      ['alert.raised', 'hall'],
      ['alert.acknowledged', 'manager:admin'],
      ['alert.cleared', 'hall'],
    ]);
    const payloads = log.map((row) => JSON.parse(row.payload) as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({ managerId: 'admin', alertRuleId: rule.body.id });
    expect(payloads.slice(1).map((payload) => payload.alertId)).toEqual([raised!.id, raised!.id, raised!.id]);
    expect(payloads[2]).toMatchObject({ managerId: 'admin' });
  });

  it('alerts to a long queue with a window standing, a long pause and a 差评; a removed rule clears its alerts', async () => {
    const { hall, send, live, advance } = await hallAt('2026-11-27T01:00:00Z');
    await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    const queueRule = (await send(hallApi.addAlertRule.path, { kind: 'longQueue', threshold: 1, queueId: null })).body;
    await send(hallApi.addAlertRule.path, { kind: 'longPause', threshold: 5 });
    await send(hallApi.addAlertRule.path, { kind: 'badReview', threshold: 1 });
    // Two wait for 税务 while window 5, which serves it, stands idle with its clerk at it.
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    const long = await alertsAfterCheck(live, (alerts) => alerts.some((alert) => alert.kind === 'longQueue'));
    expect(long.find((alert) => alert.kind === 'longQueue')).toMatchObject({ subject: 'tax', value: 2 });

    await hall.post('/api/v1/windows/pause', { windowNumber: 5, paused: true });
    advance(6);
    await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    const paused = await alertsAfterCheck(live, (alerts) => alerts.some((alert) => alert.kind === 'longPause'));
    expect(paused.find((alert) => alert.kind === 'longPause')).toMatchObject({ subject: '5', value: 6 });

    await hall.post('/api/v1/windows/pause', { windowNumber: 5, paused: false });
    const called = (await hall.post('/api/v1/calls/next', { windowNumber: 5 })).body as { ticketId: string };
    await hall.post('/api/v1/calls/finish', { windowNumber: 5 });
    expect((await hall.post('/api/v1/evaluations', { ticketId: called.ticketId, level: 5, reasons: ['工作人员态度不好'] })).status).toBe(
      200,
    );
    const rated = await alertsAfterCheck(live, (alerts) => alerts.some((alert) => alert.kind === 'badReview'));
    expect(rated.find((alert) => alert.kind === 'badReview')).toMatchObject({ subjectName: 'C001', value: 5 });

    expect((await send(hallApi.removeAlertRule.path, { ruleId: queueRule.id })).status).toBe(200);
    const after = await alertsAfterCheck(live, (alerts) => alerts.find((alert) => alert.kind === 'longQueue')?.clearedAt !== null);
    expect((await live()).alertRules.map((rule) => rule.kind)).toEqual(['longPause', 'badReview']);
    expect(after.filter((alert) => alert.clearedAt === null).map((alert) => alert.kind)).toContain('badReview');
    expect((await send(hallApi.removeAlertRule.path, { ruleId: queueRule.id })).status).toBe(404);
  });

  it('lets a supervisor see the alerts and rules but change nothing, and refuses a rule for a queue the hall does not have', async () => {
    const { hall, send, live } = await hallAt('2026-11-27T01:00:00Z');
    const unknown = await send(hallApi.addAlertRule.path, { kind: 'longWait', threshold: 10, queueId: 'nowhere' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('没有队列 nowhere');
    expect((await send(hallApi.addAlertRule.path, { kind: 'longWait', threshold: -1 })).status).toBe(400);
    await send(hallApi.addAlertRule.path, { kind: 'longQueue', threshold: 0 });
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    // Window 5 serves 税务 but stands closed, no clerk at it: nothing to alert to until one logs in and waits idle.
    expect((await live()).alerts).toEqual([]);
    await hall.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    const [raised] = await alertsAfterCheck(live, (alerts) => alerts.length === 1);

    const supervisor = await managerCookie(hall.base, TEST_SUPERVISOR);
    const seen = LiveHallSchema.parse((await send(hallApi.liveHall.path, undefined, supervisor)).body);
    expect(seen.alerts.map((alert) => alert.id)).toEqual([raised!.id]);
    expect(seen.alertRules).toHaveLength(1);
    for (const [path, body] of [
      [hallApi.addAlertRule.path, { kind: 'longWait', threshold: 10 }],
      [hallApi.removeAlertRule.path, { ruleId: seen.alertRules[0]!.id }],
      [hallApi.acknowledgeAlert.path, { alertId: raised!.id }],
    ] as const) {
      const refused = await send(path, body, supervisor);
      expect(refused.status, path).toBe(403);
      expect(JSON.stringify(refused.body)).toContain('监察账号只能查看');
    }
  });
});
