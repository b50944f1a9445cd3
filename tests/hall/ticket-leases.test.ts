import { describe, expect, it } from 'vitest';
import { createCallingEngine } from '../../src/hall/calling.js';
import { createEventLog } from '../../src/hall/event-log.js';
import { createHallIdempotency } from '../../src/hall/idempotency.js';
import { createTicketLeases } from '../../src/hall/ticket-leases.js';
import { createTicketNumberService } from '../../src/hall/ticket-numbers.js';
import type { HallStore } from '../../src/hall/storage/store.js';
import { HallConfigSchema, type HallConfig } from '../../src/shared/hall-config.js';
import type { OfflineTicket, TicketLease } from '../../src/shared/ticket-leases.js';
import { uuidv7 } from '../../src/shared/uuid.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { HALL_ENGINES, useHallStores } from '../helpers/hall-store.js';
import { createLiveConfig } from '../../src/hall/live-config.js';

const openStore = useHallStores();

const HALL: HallConfig = HallConfigSchema.parse({
  ...TEST_HALL,
  queues: [
    ...TEST_HALL.queues,
    { id: 'police', name: '公安', prefix: 'G', idRequired: true },
    { id: 'small', name: '小号', prefix: 'S', maxPerDay: 40 },
  ],
  idHashKey: 'a-test-key-of-16+-chars',
});

function hallOn(store: HallStore, config: HallConfig = HALL) {
  // 09:00 in Beijing.
  let now = new Date('2026-11-27T01:00:00Z');
  const clock = () => now;
  const events = createEventLog(store, clock);
  const tickets = createTicketNumberService(store, createLiveConfig(config), clock, events);
  const calling = createCallingEngine(store, createLiveConfig(config), events, clock);
  const leases = createTicketLeases(store, createLiveConfig(config), tickets, events, clock);
  const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
  const offline = (lease: TicketLease, sequence: number, minutesAgo = 0): OfflineTicket => ({
    leaseId: lease.id,
    sequence,
    ticketId: uuidv7(),
    issuedAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
    pageToken: null,
    agePriority: false,
  });
  return { store, events, tickets, calling, leases, advance, offline, clock };
}

const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};

describe.each(HALL_ENGINES)('numbers leased to kiosks on %s', (engine) => {
  const hall = async (config?: HallConfig) => hallOn((await openStore(engine)).store, config);

  it('cuts a lease from the top of the day, so the numbers issued online run on without a gap', async () => {
    const h = await hall();
    const [lease] = await h.leases.grant('k1', ['comprehensive']);
    expect(lease).toMatchObject({ queueId: 'comprehensive', prefix: 'A', first: 997, last: 999, serviceDate: '2026-11-27' });
    const [other] = await h.leases.grant('k2', ['comprehensive']);
    expect(other).toMatchObject({ first: 994, last: 996 });
    expect((await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k3' })).ticketNumber).toBe('A001');
    expect((await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k3' })).ticketNumber).toBe('A002');
  });

  it("gives a kiosk its open lease again, and after it is returned a new one below it sized from the kiosk's last hour", async () => {
    const h = await hall();
    const [first] = await h.leases.grant('k1', ['comprehensive']);
    expect((await h.leases.grant('k1', ['comprehensive']))[0]).toEqual(first);
    // 40 numbers in the last hour: 15 minutes of that rate is 10.
    for (let i = 0; i < 40; i++) await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' });
    expect(await h.leases.giveBack('k1', first!.id, null)).toBe(true);
    expect(await h.leases.giveBack('k1', first!.id, null)).toBe(false);
    const [second] = await h.leases.grant('k1', ['comprehensive']);
    expect(second).toMatchObject({ first: 987, last: 996 });
  });

  it('leases nothing of a queue that needs the ID card, and never more than a tenth of what is left', async () => {
    const h = await hall();
    expect(await h.leases.grant('k1', ['police', 'tiny'])).toEqual([]);
    for (let i = 0; i < 20; i++) await h.tickets.issue({ queueId: 'small', terminalId: 'k2' });
    const [lease] = await h.leases.grant('k1', ['small']);
    expect(lease).toMatchObject({ first: 39, last: 40 });
    for (let i = 21; i <= 38; i++) await h.tickets.issue({ queueId: 'small', terminalId: 'k2' });
    expect(await refusal(() => h.tickets.issue({ queueId: 'small', terminalId: 'k2' }))).toContain('号码已发完');
  });

  it('takes an offline ticket in at its issue time: those before it are called before it, those after it after it', async () => {
    const h = await hall();
    const [lease] = await h.leases.grant('k1', ['comprehensive']);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k2' });
    h.advance(2);
    const offline = h.offline(lease!, 997);
    h.advance(2);
    await h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k2' });
    h.advance(5);
    const taken = await h.leases.takeIn('k1', offline);
    expect(taken).toMatchObject({ ticketNumber: 'A997', issuedAt: offline.issuedAt, waitingAhead: 1, priority: false });
    expect(await h.leases.takeIn('k1', offline)).toEqual(taken);
    const called = [];
    for (let i = 0; i < 3; i++) {
      called.push((await h.calling.callNext(2)).ticketNumber);
      await h.calling.finish(2, []);
    }
    expect(called).toEqual(['A001', 'A997', 'A002']);
    const issued = (await h.events.after(0)).filter((event) => event.type === 'ticket.issued').map((event) => event.ticket?.ticketNumber);
    expect(issued).toEqual(['A001', 'A002', 'A997']);
  });

  it('refuses what is not the kiosk’s to hand in, in words that say why', async () => {
    const h = await hall();
    const [lease] = await h.leases.grant('k1', ['comprehensive']);
    expect(await refusal(() => h.leases.takeIn('k2', h.offline(lease!, 997)))).toContain('没有发给本机的离线号段');
    expect(await refusal(() => h.leases.takeIn('k1', h.offline(lease!, 996)))).toContain('不在本机可用的离线号段内');
    await h.leases.takeIn('k1', h.offline(lease!, 997));
    expect(await h.leases.giveBack('k1', lease!.id, 997)).toBe(true);
    expect(await refusal(() => h.leases.takeIn('k1', h.offline(lease!, 998)))).toContain('不在本机可用的离线号段内');
    const taken = h.offline(lease!, 997);
    expect(await refusal(() => h.leases.takeIn('k1', taken))).toContain('A997 已由另一张号票收录');
  });

  it("puts a ticket from a kiosk whose clock is ahead no later than now, and refuses yesterday's lease", async () => {
    const h = await hall();
    const [lease] = await h.leases.grant('k1', ['comprehensive']);
    h.advance(10);
    const early = { ...h.offline(lease!, 999), issuedAt: new Date(h.clock().getTime() + 3_600_000).toISOString() };
    expect((await h.leases.takeIn('k1', early)).issuedAt).toBe(h.clock().toISOString());
    const late = h.offline(lease!, 998);
    h.advance(24 * 60);
    expect(await refusal(() => h.leases.takeIn('k1', late))).toContain('已过期');
  });

  it("takes a kiosk's late request out of line once the kiosk withdraws it, and refuses one that comes after", async () => {
    const h = await hall();
    const once = createHallIdempotency(h.store, { fingerprint: (json) => json, serviceDate: () => h.tickets.serviceDate() });
    const take = (key: string) =>
      once.once('k1', key, { queueId: 'comprehensive' }, () => h.tickets.issue({ queueId: 'comprehensive', terminalId: 'k1' }));
    // The kiosk gave up waiting and issued an offline number; its request had reached the hall all the same.
    const late = await take('6f1c2a54-0c39-4b7e-9a53-3f0e3c7f0a01');
    expect(await h.leases.withdraw('k1', '6f1c2a54-0c39-4b7e-9a53-3f0e3c7f0a01')).toBe('cancelled');
    expect(await h.leases.withdraw('k1', '6f1c2a54-0c39-4b7e-9a53-3f0e3c7f0a01')).toBe('tooLate');
    expect((await h.tickets.summaries()).find((queue) => queue.id === 'comprehensive')!.waiting).toBe(0);
    const cancelled = (await h.events.after(0)).find((event) => event.type === 'ticket.cancelled');
    expect(cancelled?.ticket).toMatchObject({ ticketId: late.id, ticketNumber: late.ticketNumber });
    // One that had not reached the hall yet is refused when it does, and makes no number.
    expect(await h.leases.withdraw('k1', '0b9d2f3e-7a61-4c8e-8f2d-5e4b3a2c1d00')).toBe('blocked');
    expect(await refusal(() => take('0b9d2f3e-7a61-4c8e-8f2d-5e4b3a2c1d00'))).toContain('已由终端撤回');
    // Another kiosk's request is not this one's to withdraw; a number already called stays.
    const called = await take('3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b0a');
    await h.calling.callNext(2);
    expect(await h.leases.withdraw('k1', '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b0a')).toBe('tooLate');
    expect(called.ticketNumber).toBe('A002');
    expect(await h.leases.withdraw('k2', '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b0a')).toBe('blocked');
  });
});
