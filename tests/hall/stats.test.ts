import { describe, expect, it } from 'vitest';
import type { HallStats } from '../../src/shared/hall-stats.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';

const startHall = useHallServers();

async function hallAt(start: string) {
  let now = new Date(start);
  const { base, post } = await startHall(TEST_HALL, { now: () => now });
  return { base, post, advance: (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000)) };
}

describe('evaluations and statistics', () => {
  it('rates a finished service once, flags 差评 for follow-up, and refuses unfinished ones', async () => {
    const hall = await hallAt('2026-11-27T01:00:00Z');
    const ticket = (await hall.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' })).body as { id: string };
    expect((await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 1 })).status).toBe(409);
    await hall.post('/api/v1/calls/next', { windowNumber: 5 });
    await hall.post('/api/v1/calls/finish', { windowNumber: 5 });
    const rated = await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 4, reasons: ['等候时间长'] });
    expect(rated.body).toMatchObject({ level: 4, levelName: '不满意', followUp: true, windowNumber: 5 });
    expect((await hall.post('/api/v1/evaluations', { ticketId: ticket.id, level: 1 })).body).toMatchObject({ error: { message: expect.stringContaining('已评价') } });
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

    const stats = (await (await fetch(`${hall.base}/api/v1/stats?date=2026-11-27`)).json()) as HallStats;
    expect(stats.byQueue.find((row) => row.key === 'comprehensive')).toMatchObject({ issued: 3, served: 1, noShow: 1, avgServiceMinutes: 5 });
    expect(stats.byWindow.find((row) => row.key === '2')).toMatchObject({ served: 1, noShow: 1, transferredOut: 1 });
    expect(stats.byHour).toEqual([expect.objectContaining({ key: '09', issued: 3 })]);
    expect(stats.totals).toMatchObject({ issued: 3, noShowRate: 0.5, transferRate: 0.333 });
    expect(stats.byQueue.find((row) => row.key === 'comprehensive')!.avgWaitMinutes).toBeGreaterThanOrEqual(10);

    const csv = await fetch(`${hall.base}/api/v1/stats.csv?date=2026-11-27&by=window`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('编号 key,名称 name,取号 issued')).toBe(true);
    // The transferred ticket left window 2's count of calls with it; the transfer stays counted.
    expect(text).toContain('\r\n2,综合受理,0,2,1,1,1,12.5,5\r\n');
    expect((await fetch(`${hall.base}/api/v1/stats?date=yesterday`)).status).toBe(400);
  });
});
