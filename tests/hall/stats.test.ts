import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallingEngine } from '../../src/hall/calling.js';
import { createEventLog } from '../../src/hall/event-log.js';
import ExcelJS from 'exceljs';
import { createStats } from '../../src/hall/stats.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import { createTicketNumberService } from '../../src/hall/ticket-numbers.js';
import { ApiError } from '../../src/shared/errors.js';
import type { HallEvent } from '../../src/shared/hall-events.js';
import type { HallStats, StatsRow } from '../../src/shared/hall-stats.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { TEST_HALL, TEST_HALL_WITH_CLERK, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { managerCookie } from '../helpers/manager-login.js';
import { MANAGERS_WORKBOOK } from '../helpers/stats-workbook.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';
import { clearHall, HALL_ENGINES, useHallStores } from '../helpers/hall-store.js';
import { createLiveConfig } from '../../src/hall/live-config.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const openStore = useHallStores();

async function hallAt(start: string) {
  let now = new Date(start);
  const { base, post } = await startHall(TEST_HALL, { now: () => now });
  return { base, post, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

describe.each(HALL_ENGINES)('settled days on %s', (engine) => {
  it('counts the settled days once in the background, and a range read from them equals a count from the log', async () => {
    const { store } = await openStore(engine);
    let now = new Date('2026-11-23T01:00:00Z');
    const events = createEventLog(store, () => now);
    const config = createLiveConfig(TEST_HALL);
    const tickets = createTicketNumberService(store, config, () => now, events);
    const calling = createCallingEngine(store, config, events, () => now);
    for (let day = 0; day < 4; day++) {
      now = new Date(Date.parse('2026-11-23T01:00:00Z') + day * 86_400_000);
      for (let i = 0; i <= day; i++) await tickets.issue({ queueId: 'tax', terminalId: 'k1' });
      now = new Date(now.getTime() + 10 * 60_000);
      await calling.callNext(5);
      now = new Date(now.getTime() + 5 * 60_000);
      await calling.finish(5, []);
    }
    const fresh = await createStats(store, config).forRange('2026-11-23', '2026-11-26');
    // On 1 December the 23rd to the 30th are settled; the 1st itself is counted at each look.
    const kept = createStats(store, config, () => '2026-12-01');
    expect(await kept.settle(() => false, 0)).toBe(8);
    expect((await store.all<{ day: string }>('SELECT day FROM stats_days ORDER BY day')).map((row) => row.day)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(await kept.settle(() => false, 0)).toBe(0);
    expect(await kept.forRange('2026-11-23', '2026-11-26')).toEqual(fresh);
    // A move of a kept day heard late: the day is counted again at the next look.
    await kept.forget({ type: 'ticket.issued', at: '2026-11-24T03:00:00Z' });
    expect(await store.get("SELECT day FROM stats_days WHERE day = '2026-11-24'")).toBeUndefined();
    expect(await kept.forRange('2026-11-23', '2026-11-26')).toEqual(fresh);
    expect(fresh.totals).toMatchObject({ issued: 10, served: 4 });
  });
});

eachEngine('evaluations and statistics', () => {
  it('rates a finished service once, flags 差评 for follow-up, and refuses unfinished ones', async () => {
    const hall = await hallAt('2026-11-27T01:00:00Z');
    const ticket = (await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' })).body as { id: string };
    expect((await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 1 })).status).toBe(409);
    await hall.post('/api/v1/calls/next', { windowNumber: 5 });
    await hall.post('/api/v1/calls/finish', { windowNumber: 5 });
    const rated = await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 4, reasons: ['等候时间长'] });
    expect(rated.body).toMatchObject({ level: 4, levelName: '不满意', followUp: true, windowNumber: 5 });
    expect((await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 1 })).body).toMatchObject({
      error: { message: expect.stringContaining('已评价') },
    });
    expect((await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 6 })).status).toBe(400);
  });

  it('reports waits, service times, no-shows and transfers by queue, window and hour, and as CSV', async () => {
    const hall = await hallAt('2026-11-27T01:00:00Z');
    for (let i = 0; i < 3; i++) await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    hall.advance(10);
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    hall.advance(5);
    await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    await hall.post('/api/v1/calls/no-show', { windowNumber: 2 });
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    await hall.post('/api/v1/calls/transfer', { windowNumber: 2, toQueueId: 'tax' });

    const cookie = await managerCookie(hall.base);
    const get = (path: string) => fetch(`${hall.base}${path}`, { headers: { cookie } });
    const stats = (await (await get('/api/v1/stats?date=2026-11-27')).json()) as HallStats;
    expect(stats.byQueue.find((row) => row.key === 'comprehensive')).toMatchObject({
      issued: 3,
      called: 3,
      served: 1,
      noShow: 1,
      transferredOut: 1,
      avgServiceMinutes: 5,
    });
    // The transferred ticket arrives in 税务, which has not called it yet.
    expect(stats.byQueue.find((row) => row.key === 'tax')).toMatchObject({ issued: 0, called: 0, transferredIn: 1 });
    expect(stats.byWindow.find((row) => row.key === '2')).toMatchObject({ served: 1, noShow: 1, transferredOut: 1 });
    expect(stats.byHour).toEqual([expect.objectContaining({ key: '09', issued: 3 })]);
    expect(stats.totals).toMatchObject({ issued: 3, noShowRate: 0.5, transferRate: 0.333 });
    expect(stats.byQueue.find((row) => row.key === 'comprehensive')!.avgWaitMinutes).toBeGreaterThanOrEqual(10);

    const csv = await get('/api/v1/stats.csv?date=2026-11-27&by=window');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('编号 key,名称 name,取号 issued')).toBe(true);
    // Window 2 called three: one served, one no-show, one transferred away (its call stays window 2's).
    expect(text).toContain('\r\n2,综合受理,0,3,1,1,1,0,13.3,5\r\n');
    expect((await get('/api/v1/stats?date=yesterday')).status).toBe(400);
  });

  it('counts a range of days, by day and by hour over them, and exports it as an Excel workbook a manager reads back', async () => {
    const hall = await hallAt('2026-11-26T01:00:00Z');
    await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'k1' });
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    hall.advance(4);
    await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
    hall.advance(24 * 60);
    for (let i = 0; i < 2; i++) await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    const cookie = await managerCookie(hall.base);
    const get = (path: string) => fetch(`${hall.base}${path}`, { headers: { cookie } });

    const range = (await (await get('/api/v1/stats?from=2026-11-26&to=2026-11-27')).json()) as HallStats;
    expect(range).toMatchObject({ from: '2026-11-26', to: '2026-11-27', totals: { issued: 3, served: 1 } });
    expect(range.byDay.map((row) => [row.key, row.issued, row.served])).toEqual([
      ['2026-11-26', 1, 1],
      ['2026-11-27', 2, 0],
    ]);
    expect(range.byHour).toEqual([expect.objectContaining({ key: '09', issued: 3 })]);
    // Without dates: the service day.
    expect(((await (await get('/api/v1/stats')).json()) as HallStats).totals.issued).toBe(2);
    const backwards = await get('/api/v1/stats?from=2026-11-27&to=2026-11-26');
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('晚于结束日期');
    expect(await (await get('/api/v1/stats?from=2024-01-01&to=2026-11-27')).text()).toContain('请缩短日期范围');

    const xlsx = await get('/api/v1/stats.xlsx?from=2026-11-26&to=2026-11-27');
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toContain('onewindow-2026-11-26_2026-11-27.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(MANAGERS_WORKBOOK);
    const byDay = workbook.getWorksheet('按日期 by day')!;
    expect(byDay.getRow(1).getCell(3).value).toBe('取号 issued');
    expect(byDay.getRow(3).values).toEqual(expect.arrayContaining(['2026-11-27', 2]));
    expect(byDay.getRow(4).getCell(2).value).toBe('合计');
    const summary = workbook.getWorksheet('汇总 summary')!;
    expect(summary.getRow(5).values).toEqual(expect.arrayContaining(['取号 issued', 3]));

    const supervisor = await managerCookie(hall.base, TEST_SUPERVISOR);
    const theirs = new ExcelJS.Workbook();
    await theirs.xlsx.load(await (await fetch(`${hall.base}/api/v1/stats.xlsx`, { headers: { cookie: supervisor } })).arrayBuffer());
    expect(theirs.worksheets.map((sheet) => sheet.name)).not.toContain('按工作人员 by clerk');
  });

  it('gives the statistics to the console only, and per-clerk figures to managers only, not to 监察', async () => {
    const { base } = await startHall(TEST_HALL_WITH_CLERK);
    for (const path of ['/api/v1/stats', '/api/v1/stats.csv?by=queue']) expect((await fetch(`${base}${path}`)).status).toBe(401);
    const asManager = { headers: { cookie: await managerCookie(base) } };
    const asSupervisor = { headers: { cookie: await managerCookie(base, TEST_SUPERVISOR) } };
    expect(((await (await fetch(`${base}/api/v1/stats`, asManager)).json()) as HallStats).byClerk.map((row) => row.key)).toEqual(['c001']);
    const supervised = (await (await fetch(`${base}/api/v1/stats`, asSupervisor)).json()) as HallStats;
    expect(supervised.byClerk).toEqual([]);
    expect(supervised.byQueue.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/v1/stats.csv?by=clerk`, asManager)).status).toBe(200);
    const refused = await fetch(`${base}/api/v1/stats.csv?by=clerk`, asSupervisor);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('仅大厅管理员可查看');
    expect((await fetch(`${base}/api/v1/stats.csv?by=window`, asSupervisor)).status).toBe(200);
  });
});

/**
 * Random days of moves against the calling engine, and an independent recount from the event log. What a
 * transfer counts as (the model, as src/hall/stats.ts sets it out): the call it ends stays credited to the
 * queue the ticket was in when called, to the window that called it and to the clerk logged in there; the
 * transfer is counted once in the totals, as transferredOut against that queue, window and clerk, and
 * arrives as transferredIn in its destination queue, where a later call is credited to that queue.
 */
describe.each(HALL_ENGINES)('statistics of random days on %s', (engine) => {
  const CLERKS = [TEST_HALL_WITH_CLERK.clerks[0]!, { ...TEST_HALL_WITH_CLERK.clerks[0]!, id: 'c002', name: '张伟' }];
  const CONFIG: HallConfig = { ...TEST_HALL, clerks: CLERKS };
  const WINDOWS = CONFIG.windows.map((window) => window.number);
  const QUEUES = CONFIG.queues.map((queue) => queue.id);

  const move = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('issue' as const), queueId: fc.constantFrom(...QUEUES) }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('login' as const), window: fc.constantFrom(...WINDOWS), clerk: fc.constantFrom(...CLERKS) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('logout' as const), window: fc.constantFrom(...WINDOWS) }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('call' as const), window: fc.constantFrom(...WINDOWS) }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('finish' as const), window: fc.constantFrom(...WINDOWS) }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constantFrom('noShow' as const, 'recall' as const, 'park' as const),
        window: fc.constantFrom(...WINDOWS),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), window: fc.constantFrom(...WINDOWS) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reinstate' as const), nth: fc.nat() }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('transfer' as const),
        window: fc.constantFrom(...WINDOWS),
        to: fc.oneof(fc.record({ queueId: fc.constantFrom(...QUEUES) }), fc.record({ windowNumber: fc.constantFrom(...WINDOWS) })),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 15 }) }) },
  );

  type Move = typeof move extends fc.Arbitrary<infer T> ? T : never;

  /** Plays the moves from 08:30 local time; a move the engine refuses (nobody waiting, no clerk…) is part of a real day too. */
  async function playDay(store: HallStore, moves: Move[]) {
    let now = new Date('2026-11-27T00:30:00Z');
    const clock = () => now;
    const events = createEventLog(store, clock);
    const tickets = createTicketNumberService(store, createLiveConfig(CONFIG), clock, events);
    const calling = createCallingEngine(store, createLiveConfig(CONFIG), events, clock);
    const noShows: string[] = [];
    // The morning starts with a clerk at two of the windows; the moves log others in and out.
    const opening: Move[] = [
      { kind: 'login', window: WINDOWS[0]!, clerk: CLERKS[0]! },
      { kind: 'login', window: WINDOWS[1]!, clerk: CLERKS[1]! },
    ];
    for (const step of [...opening, ...moves]) {
      try {
        if (step.kind === 'wait') now = new Date(now.getTime() + step.minutes * 60_000);
        else if (step.kind === 'issue') await tickets.issue({ queueId: step.queueId, terminalId: 'k1' });
        else if (step.kind === 'login') await calling.finishLogin(await calling.beginLogin(step.window, { clerkId: step.clerk.id }), true);
        else if (step.kind === 'logout') await calling.logout(step.window);
        else if (step.kind === 'call') await calling.callNext(step.window);
        else if (step.kind === 'finish') await calling.finish(step.window, []);
        else if (step.kind === 'noShow') noShows.push((await calling.noShow(step.window)).ticketNumber);
        else if (step.kind === 'recall') await calling.recall(step.window);
        else if (step.kind === 'park') await calling.park(step.window);
        else if (step.kind === 'resume')
          await calling.resume(step.window, (await calling.window(step.window)).parked[0]?.ticketId ?? 'none');
        else if (step.kind === 'reinstate') await calling.reinstate(noShows[step.nth % Math.max(1, noShows.length)] ?? 'none');
        else if (step.kind === 'transfer') await calling.transfer(step.window, step.to);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    }
    const stats = await createStats(store, createLiveConfig(CONFIG)).forDate('2026-11-27');
    // Once the day is settled its tallies are kept: counted, then read back, they give the same figures.
    const kept = createStats(store, createLiveConfig(CONFIG), () => '2026-12-04');
    expect(await kept.forDate('2026-11-27')).toEqual(stats);
    expect(await store.get('SELECT day FROM stats_days')).toEqual({ day: '2026-11-27' });
    expect(await kept.forDate('2026-11-27')).toEqual(stats);
    return { stats, log: await events.after(0) };
  }

  type Fact = {
    kind: 'issued' | 'called' | 'served' | 'noShow' | 'transferredOut' | 'transferredIn';
    queue: string;
    window?: string;
    clerk?: string;
    hour: string;
    minutes?: number;
  };

  /** The log retold as facts, each with every view it belongs to: the recount the statistics must equal. */
  function factsOf(log: HallEvent[]): Fact[] {
    const facts: Fact[] = [];
    const clerkAt = new Map<number, string | undefined>();
    const queueOf = new Map<string, string>();
    const inLine = new Map<string, string>();
    const open = new Map<string, { queue: string; window: string; clerk?: string; at: string }>();
    const hour = (at: string) => String((new Date(at).getUTCHours() + 8) % 24).padStart(2, '0');
    for (const event of log) {
      const id = event.ticket?.ticketId ?? '';
      const call = open.get(id);
      const ended = (kind: Fact['kind'], minutes?: number) => {
        if (call) facts.push({ kind, queue: call.queue, window: call.window, clerk: call.clerk, hour: hour(event.at), minutes });
        open.delete(id);
      };
      if (event.type === 'clerk.loggedIn') clerkAt.set(event.windowNumber!, event.clerkId);
      if (event.type === 'clerk.loggedOut') clerkAt.delete(event.windowNumber!);
      if (event.type === 'ticket.issued') {
        queueOf.set(id, event.ticket!.queueId);
        inLine.set(id, event.at);
        facts.push({ kind: 'issued', queue: event.ticket!.queueId, hour: hour(event.at) });
      }
      if (event.type === 'ticket.called') {
        const opened = {
          queue: queueOf.get(id)!,
          window: String(event.windowNumber),
          clerk: clerkAt.get(event.windowNumber!),
          at: event.at,
        };
        open.set(id, opened);
        facts.push({
          kind: 'called',
          ...opened,
          hour: hour(event.at),
          minutes: (Date.parse(event.at) - Date.parse(inLine.get(id)!)) / 60_000,
        });
      }
      if (event.type === 'ticket.finished') ended('served', (Date.parse(event.at) - Date.parse(call!.at)) / 60_000);
      if (event.type === 'ticket.noShow') ended('noShow');
      if (event.type === 'ticket.reinstated') inLine.set(id, event.at);
      if (event.type === 'ticket.transferred') {
        ended('transferredOut');
        queueOf.set(id, event.ticket!.queueId);
        inLine.set(id, event.at);
        facts.push({ kind: 'transferredIn', queue: event.ticket!.queueId, hour: hour(event.at) });
      }
    }
    return facts;
  }

  const mean = (values: number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);
  function expectedRow(facts: Fact[]) {
    const of = (kind: Fact['kind']) => facts.filter((fact) => fact.kind === kind);
    return {
      issued: of('issued').length,
      called: of('called').length,
      served: of('served').length,
      noShow: of('noShow').length,
      transferredOut: of('transferredOut').length,
      transferredIn: of('transferredIn').length,
      avgWaitMinutes: mean(of('called').map((fact) => fact.minutes!)),
      avgServiceMinutes: mean(of('served').map((fact) => fact.minutes!)),
    };
  }
  const COUNTS = ['issued', 'called', 'served', 'noShow', 'transferredOut', 'transferredIn'] as const;
  const sum = (rows: StatsRow[], field: (typeof COUNTS)[number]) => rows.reduce((total, row) => total + row[field], 0);

  it('every view equals a recount of the event log, and every view adds up to the totals', async () => {
    // One store for every run, emptied before each (a fresh PostgreSQL database per run would take most of the time).
    const { store } = await openStore(engine);
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 40, maxLength: 200, size: 'max' }), async (moves) => {
        await clearHall(store);
        const { stats, log } = await playDay(store, moves);
        const facts = factsOf(log);
        expect(stats.totals).toMatchObject(expectedRow(facts));
        for (const row of stats.byQueue) expect(row).toMatchObject(expectedRow(facts.filter((fact) => fact.queue === row.key)));
        for (const row of stats.byWindow) expect(row).toMatchObject(expectedRow(facts.filter((fact) => fact.window === row.key)));
        for (const row of stats.byClerk) expect(row).toMatchObject(expectedRow(facts.filter((fact) => fact.clerk === row.key)));
        expect(stats.byHour.map((row) => row.key)).toEqual([...new Set(facts.map((fact) => fact.hour))].sort());
        for (const row of stats.byHour) expect(row).toMatchObject(expectedRow(facts.filter((fact) => fact.hour === row.key)));

        for (const field of COUNTS) {
          expect(sum(stats.byQueue, field)).toBe(stats.totals[field]);
          expect(sum(stats.byHour, field)).toBe(stats.totals[field]);
        }
        // Every call here has a clerk (the windows serve only while one is logged in): windows and clerks both add up.
        for (const field of ['called', 'served', 'noShow', 'transferredOut'] as const) {
          expect(sum(stats.byWindow, field)).toBe(stats.totals[field]);
          expect(sum(stats.byClerk, field)).toBe(stats.totals[field]);
        }
        // A transfer is one move: out once, in once, and as often as the log has one.
        expect(stats.totals.transferredOut).toBe(log.filter((event) => event.type === 'ticket.transferred').length);
        expect(stats.totals.transferredIn).toBe(stats.totals.transferredOut);
        // And the log agrees with the tickets as they stand.
        const count = async (sql: string) => (await store.get<{ n: number }>(sql))!.n;
        expect(stats.totals.issued).toBe(await count('SELECT count(*) AS n FROM tickets'));
        expect(stats.totals.served).toBe(await count("SELECT count(*) AS n FROM tickets WHERE state = 'served'"));
      }),
      { numRuns: 60 },
    );
    // Sixty days of up to 200 moves, each a transaction: about ten seconds on PostgreSQL here, more on a slow machine.
  }, 60_000);
});
