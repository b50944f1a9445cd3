import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HallStats } from '../../src/shared/hall-stats.js';
import { HallConfigSchema } from '../../src/shared/queue.js';
import { useHallServers } from '../helpers/hall-http.js';

const startHall = useHallServers();

async function hall() {
  const config = HallConfigSchema.parse({
    hallName: '测试大厅',
    queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
    windows: [{ number: 5, name: '税务', queues: [{ queueId: 'tax' }] }],
    clerks: [{ id: 'c001', name: '王晓', pinSha256: createHash('sha256').update('c001:2468').digest('hex') }],
  });
  return startHall(config);
}

describe('clerks at windows', () => {
  it('calls only with a clerk logged in, who is named on the window and credited in the statistics', async () => {
    const h = await hall();
    await h.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    expect((await h.post('/api/v1/calls/next', { windowNumber: 5 })).body.error?.message).toContain('请工作人员先登录');
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '1111' })).body.error?.message).toContain('工号或密码不正确');
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '2468' })).body).toMatchObject({ clerk: { id: 'c001', name: '王晓' } });
    await h.post('/api/v1/calls/next', { windowNumber: 5 });
    await h.post('/api/v1/calls/finish', { windowNumber: 5 });
    const stats = (await (await fetch(`${h.base}/api/v1/stats`)).json()) as HallStats;
    expect(stats.byClerk).toEqual([expect.objectContaining({ key: 'c001', name: '王晓', served: 1 })]);
    expect((await h.post('/api/v1/clerks/logout', { windowNumber: 5 })).body).toMatchObject({ clerk: null });
  });

  it('locks the login after five wrong PINs', async () => {
    const h = await hall();
    for (let i = 0; i < 5; i++) await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '0000' });
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '2468' })).body.error?.message).toContain('5 分钟后再试');
  });
});
