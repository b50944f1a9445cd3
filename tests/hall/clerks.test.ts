import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHallServer } from '../../src/hall/server.js';
import { HALL_MIGRATIONS } from '../../src/hall/storage/migrations.js';
import type { HallStats } from '../../src/shared/hall-stats.js';
import { HallConfigSchema } from '../../src/shared/queue.js';
import { openDatabase } from '../../src/storage/sqlite.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function hall() {
  const config = HallConfigSchema.parse({
    hallName: '测试大厅',
    queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
    windows: [{ number: 5, name: '税务', queues: [{ queueId: 'tax' }] }],
    clerks: [{ id: 'c001', name: '王晓', pinSha256: createHash('sha256').update('c001:2468').digest('hex') }],
  });
  const app = createHallServer({ config, db: openDatabase(':memory:', HALL_MIGRATIONS) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  closers.push(() => app.close());
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const post = async (path: string, body: unknown) => {
    const reply = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> & { error?: { message: string } } };
  };
  return { base, post };
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
