import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallingEngine } from '../../src/hall/calling.js';
import { createEventLog } from '../../src/hall/event-log.js';
import { createTicketNumberService } from '../../src/hall/ticket-numbers.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import type { HallConfig } from '../../src/shared/hall-config.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { clearHall, HALL_ENGINES, useHallStores } from '../helpers/hall-store.js';
import { createLiveConfig } from '../../src/hall/live-config.js';

const openStore = useHallStores();

function hallOn(store: HallStore, config: HallConfig = TEST_HALL, start = '2026-11-27T01:00:00Z') {
  let now = new Date(start);
  const clock = () => now;
  const events = createEventLog(store, clock);
  const tickets = createTicketNumberService(store, createLiveConfig(config), clock, events);
  const calling = createCallingEngine(store, createLiveConfig(config), events, clock);
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  return { store, events, tickets, calling, advance };
}

const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe.each(HALL_ENGINES)('calling on %s', (engine) => {
  const hall = async (config?: HallConfig, start?: string) => hallOn((await openStore(engine)).store, config, start);

  it('calls in line order, announces without names, and refuses a second call while one is open', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    h.advance(1);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    const first = await h.calling.callNext(2);
    expect(first).toMatchObject({ ticketNumber: 'A001', windowNumber: 2, announcement: '请A001号到2号窗口办理' });
    expect(await refusal(() => h.calling.callNext(2))).toContain('请先办结、过号或转移当前号码 A001');
    await h.calling.finish(2, ['11430602MB1234567X']);
    expect((await h.calling.callNext(2)).ticketNumber).toBe('A002');
    expect(await refusal(() => h.calling.finish(5, []))).toContain('没有正在办理的号码');
  });

  it('puts a priority ticket ahead by a bounded advance, so nobody waits forever', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    h.advance(10);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1', staffPriority: true });
    expect((await h.calling.callNext(2)).ticketNumber).toBe('A002');
    await h.calling.finish(2, []);
    h.advance(20);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1', staffPriority: true });
    // A001 has waited 30 minutes, more than the 15-minute advance of the new priority ticket.
    expect((await h.calling.callNext(2)).ticketNumber).toBe('A001');
  });

  it('shares a window between its queues by weight', async () => {
    const h = await hall();
    for (let i = 0; i < 8; i++) {
      await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
      await h.tickets.issue({ queueId: 'tax', terminalId: 'k1' });
      h.advance(1);
    }
    const prefixes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const called = await h.calling.callNext(1);
      await h.calling.finish(1, []);
      prefixes.push(called.ticketNumber[0]!);
    }
    expect(prefixes.filter((prefix) => prefix === 'A')).toHaveLength(6);
    expect(prefixes.filter((prefix) => prefix === 'C')).toHaveLength(2);
  });

  it('limits recalls, and lets a no-show come back in time, behind those waiting', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'tax', terminalId: 'k1' });
    await h.tickets.issue({ queueId: 'tax', terminalId: 'k1' });
    await h.calling.callNext(5);
    for (let i = 0; i < 3; i++) await h.calling.recall(5);
    expect(await refusal(() => h.calling.recall(5))).toContain('请按过号处理');
    const gone = await h.calling.noShow(5);
    h.advance(10);
    await h.calling.reinstate(gone.ticketNumber);
    expect((await h.calling.callNext(5)).ticketNumber).toBe('C002');
    await h.calling.finish(5, []);
    expect((await h.calling.callNext(5)).ticketNumber).toBe('C001');
    const again = await h.calling.noShow(5);
    h.advance(31);
    expect(await refusal(() => h.calling.reinstate(again.ticketNumber))).toContain('请重新取号');
    expect(await refusal(() => h.calling.reinstate('C999'))).toContain('今天没有 C999');
    expect(await refusal(() => h.calling.reinstate('C002'))).toContain('不是过号状态');
  });

  it('transfers keeping the number, to a queue or to one named window only', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    await h.calling.callNext(2);
    const moved = await h.calling.transfer(2, { windowNumber: 5, note: '需核税，材料已齐' });
    expect(moved).toMatchObject({ ticketNumber: 'A001', queueId: 'tax', windowNumber: 5 });
    expect((await h.events.after(0)).find((event) => event.type === 'ticket.transferred')).toMatchObject({
      windowNumber: 2,
      note: '需核税，材料已齐',
    });
    expect(await refusal(() => h.calling.callNext(1))).toContain('没有等候');
    expect((await h.calling.callNext(5)).ticketNumber).toBe('A001');
    expect(await refusal(() => h.calling.transfer(5, { windowNumber: 2, queueId: 'tax' }))).toContain('不办理');
    await h.calling.transfer(5, { queueId: 'comprehensive' });
    expect((await h.calling.callNext(1)).ticketNumber).toBe('A001');
  });

  it('parks and resumes at the same window, and pauses a window', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    const parked = await h.calling.park((await h.calling.callNext(2)).windowNumber!);
    expect((await h.calling.window(2)).parked.map((ticket) => ticket.ticketNumber)).toEqual(['A001']);
    await h.calling.callNext(2);
    expect(await refusal(() => h.calling.resume(2, parked.ticketId))).toContain('请先处理当前号码 A002');
    await h.calling.finish(2, []);
    expect(await refusal(() => h.calling.resume(1, parked.ticketId))).toContain('未在1号窗口挂起');
    expect((await h.calling.resume(2, parked.ticketId)).ticketNumber).toBe('A001');
    await h.calling.finish(2, []);
    await h.calling.pause(2, true);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    expect(await refusal(() => h.calling.callNext(2))).toContain('已暂停');
    await h.calling.pause(2, false);
    expect((await h.calling.callNext(2)).ticketNumber).toBe('A003');
  });

  it('logs every move as a numbered event', async () => {
    const h = await hall();
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    await h.calling.callNext(2);
    await h.calling.finish(2, []);
    expect((await h.events.after(0)).map((event) => [event.seq, event.type])).toEqual([
      [1, 'ticket.issued'],
      [2, 'ticket.called'],
      [3, 'ticket.finished'],
    ]);
  });

  it('estimates the wait from today’s service times', async () => {
    const h = await hall();
    for (let i = 0; i < 3; i++) await h.tickets.issue({ queueId: 'tax', terminalId: 'k1' });
    await h.calling.callNext(5);
    h.advance(6);
    await h.calling.finish(5, []);
    // 2 waiting, 6 minutes each, two windows serve tax.
    expect((await h.tickets.summaries()).find((queue) => queue.id === 'tax')).toMatchObject({ waiting: 2, estimatedWaitMinutes: 6 });
  });

  it('property: random moves at random windows never serve a ticket twice nor lose one, and illegal moves are refused', async () => {
    type Op =
      | { kind: 'issue'; queue: number; priority: boolean }
      | { kind: 'call' | 'finish' | 'noShow' | 'park' | 'recall'; window: number }
      | { kind: 'transfer'; window: number; to: number }
      | { kind: 'wait'; minutes: number };
    const windowNumbers = [1, 2, 5];
    const queueIds = ['comprehensive', 'tax'];
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('issue' as const), queue: fc.nat(1), priority: fc.boolean() }),
      fc.record({
        kind: fc.constantFrom('call' as const, 'finish' as const, 'noShow' as const, 'park' as const, 'recall' as const),
        window: fc.constantFrom(...windowNumbers),
      }),
      fc.record({ kind: fc.constant('transfer' as const), window: fc.constantFrom(...windowNumbers), to: fc.nat(1) }),
      fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 20 }) }),
    );
    const { store } = await openStore(engine);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 80 }), async (ops) => {
        await clearHall(store);
        const h = hallOn(store);
        const issued = new Set<string>();
        const served = new Set<string>();
        for (const step of ops) {
          try {
            if (step.kind === 'issue')
              issued.add((await h.tickets.issue({ queueId: queueIds[step.queue]!, terminalId: 'k', staffPriority: step.priority })).id);
            else if (step.kind === 'wait') h.advance(step.minutes);
            else if (step.kind === 'call') await h.calling.callNext(step.window);
            else if (step.kind === 'finish') {
              const done = await h.calling.finish(step.window, []);
              expect(served.has(done.ticketId)).toBe(false);
              served.add(done.ticketId);
            } else if (step.kind === 'noShow') await h.calling.noShow(step.window);
            else if (step.kind === 'park') await h.calling.park(step.window);
            else if (step.kind === 'recall') await h.calling.recall(step.window);
            else if (step.kind === 'transfer') await h.calling.transfer(step.window, { queueId: queueIds[step.to] });
          } catch (error) {
            expect((error as Error).name).toBe('ApiError');
          }
          for (const window of windowNumbers) {
            const rows = await store.get<{ n: number }>(
              "SELECT count(*) AS n FROM tickets WHERE window_number = ? AND state = 'called'",
              window,
            );
            expect(rows!.n).toBeLessThanOrEqual(1);
          }
        }
        const all = await store.all<{ id: string; state: string }>('SELECT id, state FROM tickets');
        expect(new Set(all.map((row) => row.id))).toEqual(issued);
        expect(
          all
            .filter((row) => row.state === 'served')
            .map((row) => row.id)
            .sort(),
        ).toEqual([...served].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('property: a call always takes the earliest by effective time, so a normal ticket waits at most the priority advance behind later ones, and caps hold', async () => {
    type Step = { kind: 'issue'; priority: boolean; tiny: boolean } | { kind: 'call' } | { kind: 'wait'; minutes: number };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('issue' as const), priority: fc.boolean(), tiny: fc.boolean() }),
      fc.record({ kind: fc.constant('call' as const) }),
      fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 30 }) }),
    );
    const { store } = await openStore(engine);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        await clearHall(store);
        const h = hallOn(store);
        const advance = TEST_HALL.calling.priorityAdvanceMinutes * 60_000;
        const effective = (row: { line_at: string; priority: number }) => Date.parse(row.line_at) - (row.priority ? advance : 0);
        for (const current of steps) {
          if (current.kind === 'wait') h.advance(current.minutes);
          else if (current.kind === 'issue') {
            try {
              await h.tickets.issue({ queueId: current.tiny ? 'tiny' : 'tax', terminalId: 'k', staffPriority: current.priority });
            } catch (error) {
              expect((error as Error).message).toContain('号码已发完');
            }
          } else {
            let called;
            try {
              called = await h.calling.callNext(5);
            } catch {
              continue;
            }
            const row = (await store.get<{ line_at: string; priority: number }>(
              'SELECT line_at, priority FROM tickets WHERE id = ?',
              called.ticketId,
            ))!;
            const waiting = await store.all<typeof row>(
              "SELECT line_at, priority FROM tickets WHERE queue_id = 'tax' AND state = 'waiting'",
            );
            for (const other of waiting) expect(effective(other)).toBeGreaterThanOrEqual(effective(row));
            await h.calling.finish(5, []);
          }
        }
        const tiny = await store.get<{ n: number }>("SELECT count(*) AS n FROM tickets WHERE origin_queue = 'tiny'");
        expect(tiny!.n).toBeLessThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });
});
