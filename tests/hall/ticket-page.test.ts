import { expect, it } from 'vitest';
import { createPrefills } from '../../src/hall/prefills.js';
import { createHallRetention } from '../../src/hall/retention.js';
import { TicketPageStatusSchema } from '../../src/shared/hall-api.js';
import { idCheckDigit } from '../../src/shared/id-number.js';
import { HallConfigSchema, type HallConfig } from '../../src/shared/hall-config.js';
import { IssuedTicketSchema } from '../../src/shared/tickets.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServersOnEachEngine, type RunningHall } from '../helpers/hall-http.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const CARD = '43060219900307123' + idCheckDigit('43060219900307123');
const KIOSK = 'kiosk-lobby-7';

async function issue(hall: RunningHall, queueId = 'comprehensive', idNumber?: string) {
  const reply = await hall.post('/api/v1/tickets', { queueId, terminalId: KIOSK, ...(idNumber ? { idNumber } : {}) });
  expect(reply.status).toBe(200);
  return IssuedTicketSchema.parse(reply.body);
}

async function page(url: string) {
  const reply = await fetch(url);
  return { status: reply.status, headers: reply.headers, body: await reply.text() };
}

async function status(url: string) {
  const reply = await fetch(`${url}/status`);
  expect(reply.status).toBe(200);
  return TicketPageStatusSchema.parse(await reply.json());
}

eachEngine("a ticket's public page", () => {
  it('opens from the link the ticket carries, counts those ahead, and says which window once called', async () => {
    const config: HallConfig = { ...TEST_HALL, idHashKey: 'a-test-key-of-the-hall-32-chars!' };
    const hall = await startHall(config);
    const first = await issue(hall);
    const mine = await issue(hall, 'comprehensive', CARD);
    expect(mine.statusUrl).toMatch(new RegExp(`^${hall.base}/t/[A-Za-z0-9_-]{24}$`));
    expect(mine.rules).toEqual({ maxRecalls: 3, noShowReturnMinutes: 30 });

    const shown = await page(mine.statusUrl!);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toContain('text/html');
    expect(shown.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'sha256-/);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toContain('A002');
    expect(shown.body).toContain('综合一窗');
    expect(shown.body).toContain('前面还有 1 人');
    expect(await status(mine.statusUrl!)).toMatchObject({ state: 'waiting', ahead: 1, ticketNumber: 'A002', live: true });

    expect((await hall.post('/api/v1/calls/next', { windowNumber: 2 })).body).toMatchObject({ ticketNumber: 'A001' });
    expect(await status(mine.statusUrl!)).toMatchObject({ state: 'waiting', ahead: 0 });
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 3 })).body).toMatchObject({ ticketNumber: 'A002' });
    const called = await status(mine.statusUrl!);
    expect(called).toMatchObject({ state: 'called', headline: '请到 3 号窗口', window: { number: 3, name: '综合受理' }, ahead: null });
    const calledPage = await page(mine.statusUrl!);
    expect(calledPage.body).toContain('请到 3 号窗口');

    // Nothing of the person, the kiosk, the ticket's id or anyone else's number.
    for (const body of [calledPage.body, JSON.stringify(called)]) {
      for (const secret of [CARD, CARD.slice(-6), KIOSK, mine.id, first.id, first.ticketNumber]) expect(body).not.toContain(secret);
    }
  });

  it("estimates the wait from the hall's service rate today", async () => {
    let clock = new Date('2026-11-27T02:00:00Z');
    const hall = await startHall(TEST_HALL, { now: () => clock });
    await issue(hall);
    await issue(hall);
    const mine = await issue(hall);
    expect(await status(mine.statusUrl!)).toMatchObject({
      ahead: 2,
      estimatedWaitMinutes: null,
      lines: [expect.stringContaining('暂不能估算'), expect.any(String), expect.any(String)],
    });
    // A green-channel ticket taken later goes before everyone who came less than 15 minutes earlier.
    const green = IssuedTicketSchema.parse(
      (await hall.post('/api/v1/tickets', { queueId: 'comprehensive', terminalId: 'counter-1', priority: true })).body,
    );
    expect(await status(green.statusUrl!)).toMatchObject({ ahead: 0 });
    expect(await status(mine.statusUrl!)).toMatchObject({ ahead: 3 });
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 2 })).body).toMatchObject({ ticketNumber: green.ticketNumber });
    await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    clock = new Date('2026-11-27T02:06:00Z');
    await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
    // One ahead, three minutes a citizen, three windows serving the line.
    expect(await status(mine.statusUrl!)).toMatchObject({
      ahead: 1,
      estimatedWaitMinutes: 1,
      lines: ['预计还需等候约 1 分钟', expect.any(String), expect.any(String)],
    });
  });

  it('tells a no-show until when they can be put back in line, and a served ticket that it is done', async () => {
    let clock = new Date('2026-11-27T02:00:00Z');
    const hall = await startHall(TEST_HALL, { now: () => clock });
    const ticket = await issue(hall);
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    await hall.post('/api/v1/calls/no-show', { windowNumber: 2 });
    // 10:00 in Beijing plus the hall's 30 minutes.
    expect(await status(ticket.statusUrl!)).toMatchObject({
      state: 'no_show',
      headline: '已过号',
      live: true,
      lines: ['请在 10:30 前找大厅工作人员为您恢复排队', expect.stringContaining('30 分钟')],
    });
    clock = new Date('2026-11-27T02:31:00Z');
    expect(await status(ticket.statusUrl!)).toMatchObject({
      state: 'no_show',
      live: false,
      lines: ['过号已超过 30 分钟，如需办理请重新取号'],
    });

    const served = await issue(hall);
    await hall.post('/api/v1/calls/next', { windowNumber: 2 });
    await hall.post('/api/v1/calls/finish', { windowNumber: 2 });
    expect(await status(served.statusUrl!)).toMatchObject({ state: 'served', headline: '已办结', live: false });
  });

  it('answers a guessed or malformed link with 404 in Chinese, as a page and as JSON', async () => {
    const hall = await startHall(TEST_HALL);
    await issue(hall);
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fapi', '%00']) {
      const shown = await page(`${hall.base}/t/${token}`);
      expect(shown.status).toBe(404);
      expect(shown.body).toContain('未找到该号码');
      const json = await fetch(`${hall.base}/t/${token}/status`);
      expect(json.status).toBe(404);
      expect(((await json.json()) as { error: { message: string } }).error.message).toMatch(/^未找到该号码/);
    }
  });

  it("keeps a link across a restart of the hall, and forgets a past day's link: 404 at once, its row gone with retention", async () => {
    let clock = new Date('2026-11-26T02:00:00Z');
    const before = await startHall(TEST_HALL, { now: () => clock, durable: true });
    const ticket = await issue(before);
    await before.stop();

    const after = await startHall(TEST_HALL, { now: () => clock, reuse: before.location });
    const reopened = ticket.statusUrl!.replace(before.base, after.base);
    expect((await page(reopened)).status).toBe(200);

    clock = new Date('2026-11-26T16:01:00Z'); // 00:01 the next day in Beijing
    expect((await page(reopened)).status).toBe(404);
    expect(await after.store.get('SELECT count(*) AS n FROM ticket_pages')).toEqual({ n: 1 });
    await createHallRetention(after.store, () => '2026-11-27', createPrefills(after.store, 24, () => clock).purgeExpired).purge();
    expect(await after.store.get('SELECT count(*) AS n FROM ticket_pages')).toEqual({ n: 0 });
  });

  it('limits the requests per address, with a page in Chinese and Retry-After', async () => {
    const hall = await startHall({ ...TEST_HALL, rateLimit: { perMinute: 10, credentialPerMinute: 30, upgradesPerMinute: 60 } });
    const ticket = await issue(hall);
    let shown = await page(ticket.statusUrl!);
    while (shown.status === 200) shown = await page(ticket.statusUrl!);
    expect(shown.status).toBe(429);
    expect(shown.headers.get('content-type')).toContain('text/html');
    expect(shown.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(shown.body).toContain('查询过于频繁');
  });

  it('links under the configured public address, which must be https away from loopback', async () => {
    const hall = await startHall({ ...TEST_HALL, publicUrl: 'https://hall.example.gov.cn/queue' });
    expect((await issue(hall)).statusUrl).toMatch(/^https:\/\/hall\.example\.gov\.cn\/queue\/t\/[A-Za-z0-9_-]{24}$/);
    const parse = (publicUrl: string) =>
      HallConfigSchema.safeParse({ hallName: '测试大厅', queues: [{ id: 'a', name: '综合', prefix: 'A' }], publicUrl });
    expect(parse('http://hall.example.gov.cn').error?.issues[0]?.message).toContain('https://');
    expect(parse('http://127.0.0.1:7300/').data?.publicUrl).toBe('http://127.0.0.1:7300');
    expect(parse('ftp://hall.example.gov.cn').success).toBe(false);
  });
});
