import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { expect, it } from 'vitest';
import { idCheckDigit } from '../../src/shared/id-number.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();

const sha = (token: string) => createHash('sha256').update(token).digest('hex');
const withCheck = (first17: string) => first17 + idCheckDigit(first17);
const YOUNG = withCheck('43060219900307123');
const OLD = withCheck('43060219400101123');

async function start(extra: object, clock?: () => Date) {
  const config = HallConfigSchema.parse({
    hallName: '测试大厅',
    idHashKey: 'a-test-key-of-the-hall-32-chars!',
    queues: [
      { id: 'real-estate', name: '不动产登记', prefix: 'B', idRequired: true, openPerId: 1, perIdPerDay: 2 },
      { id: 'tax', name: '税务', prefix: 'C', hours: { from: '08:30', to: '17:00' } },
    ],
    windows: [
      { number: 4, name: '不动产', queues: [{ queueId: 'real-estate' }] },
      { number: 5, name: '税务', queues: [{ queueId: 'tax' }] },
    ],
    ...extra,
  });
  return startHall(config, { now: clock });
}

const at = (iso: string) => () => new Date(iso);

eachEngine('ID-card ticketing', () => {
  it('requires the card where configured, keeps one open number per card, and caps the day', async () => {
    const hall = await start({}, at('2026-11-27T02:00:00Z'));
    const take = () => hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: YOUNG });
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1' })).body.error?.message).toContain(
      '须刷身份证取号',
    );
    expect((await take()).body.ticketNumber).toBe('B001');
    const second = await take();
    expect(second.status).toBe(409);
    expect(second.body.error?.message).toContain('尚未办理');
    await hall.post('/api/v1/calls/next', { windowNumber: 4 });
    await hall.post('/api/v1/calls/finish', { windowNumber: 4 });
    expect((await take()).body.ticketNumber).toBe('B002');
    await hall.post('/api/v1/calls/next', { windowNumber: 4 });
    await hall.post('/api/v1/calls/finish', { windowNumber: 4 });
    expect((await take()).body.error?.message).toContain('今日该业务已取号 2 次，已达上限');
  });

  it('keeps only a keyed hash of the number', async () => {
    const hall = await start({}, at('2026-11-27T02:00:00Z'));
    await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: YOUNG });
    const dump =
      JSON.stringify(await hall.store.all('SELECT * FROM tickets')) + JSON.stringify(await hall.store.all('SELECT * FROM hall_events'));
    expect(dump).not.toContain(YOUNG);
    expect(dump).not.toContain(YOUNG.slice(6, 14));
  });

  it('puts elderly citizens in the green channel by the birth date on their card, and refuses a forged number', async () => {
    const hall = await start({}, at('2026-11-27T02:00:00Z'));
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: OLD })).body).toMatchObject({
      priority: true,
      priorityReason: 'age',
    });
    expect((await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: YOUNG })).body).toMatchObject({
      priority: false,
    });
    const forged = await hall.post('/api/v1/tickets', {
      queueId: 'real-estate',
      terminalId: 'k1',
      idNumber: `${YOUNG.slice(0, 17)}${YOUNG.endsWith('0') ? '1' : '0'}`,
    });
    expect(forged.status).toBe(400);
  });

  it('takes the 2017 foreign permanent residence card (three letters and twelve digits) like any card', async () => {
    const hall = await start({}, at('2026-11-27T02:00:00Z'));
    const first = await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: 'USA310085061512' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ticketNumber: 'B001', priority: false });
    expect(
      (await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: 'USA310085061512' })).body.error?.message,
    ).toContain('尚未办理');
    const typo = await hall.post('/api/v1/tickets', { queueId: 'real-estate', terminalId: 'k1', idNumber: 'US310085061512' });
    expect(typo.status).toBe(400);
  });

  it('issues numbers only within the queue’s hours, in the hall’s time zone', async () => {
    const early = await start({}, at('2026-11-27T00:10:00Z'));
    expect((await early.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' })).body.error?.message).toContain('08:30–17:00');
    const open = await start({}, at('2026-11-27T00:40:00Z'));
    expect((await open.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' })).body.ticketNumber).toBe('C001');
  });
});

eachEngine('enrolled terminals', () => {
  const terminals = [
    { id: 'kiosk-01', role: 'kiosk', tokenSha256: sha('kiosk-token-0123456789') },
    { id: 'counter-04', role: 'counter', window: 4, tokenSha256: sha('counter-token-0123456789') },
    { id: 'board-01', role: 'board', tokenSha256: sha('board-token-0123456789') },
  ];

  it('refuses callers without a valid token, and each role what it may not do', async () => {
    const hall = await start({ terminals }, at('2026-11-27T02:00:00Z'));
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x' })).status).toBe(401);
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x' }, 'wrong-token-000000000')).status).toBe(401);
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x' }, 'kiosk-token-0123456789')).status).toBe(200);
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x', priority: true }, 'kiosk-token-0123456789')).status).toBe(
      403,
    );
    expect((await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'x' }, 'board-token-0123456789')).status).toBe(403);
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 4 }, 'kiosk-token-0123456789')).status).toBe(403);
    const otherWindow = await hall.post('/api/v1/calls/next', { windowNumber: 5 }, 'counter-token-0123456789');
    expect(otherWindow.status).toBe(403);
    expect(otherWindow.body.error?.message).toContain('只能操作 4 号窗口');
    expect((await hall.post('/api/v1/calls/next', { windowNumber: 4 }, 'counter-token-0123456789')).status).toBe(409);
  });

  it('records which terminal made each change, whatever id the body claims', async () => {
    const hall = await start({ terminals }, at('2026-11-27T02:00:00Z'));
    await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'pretender' }, 'kiosk-token-0123456789');
    expect(await hall.store.all(`SELECT actor FROM hall_events WHERE type LIKE 'ticket.%'`)).toEqual([{ actor: 'kiosk-01' }]);
    expect(await hall.store.all('SELECT terminal_id FROM tickets')).toEqual([{ terminal_id: 'kiosk-01' }]);
  });

  it('refuses the event stream without a token', async () => {
    const hall = await start({ terminals }, at('2026-11-27T02:00:00Z'));
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${hall.base.replace('http', 'ws')}/api/v1/events`);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(401);
    const ok = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`${hall.base.replace('http', 'ws')}/api/v1/events`, {
        headers: { authorization: 'Bearer board-token-0123456789' },
      });
      socket.on('open', () => {
        socket.close();
        resolve(101);
      });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    });
    expect(ok).toBe(101);
  });
});
