import { createHmac } from 'node:crypto';
import { hashPin, pinMatches } from '../../src/hall/pin-hash.js';
import { expect, it } from 'vitest';
import type { HallStats } from '../../src/shared/hall-stats.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { TEST_HALL } from '../helpers/hall-config.js';
import { managerCookie } from '../helpers/manager-login.js';
import { useHallServersOnEachEngine } from '../helpers/hall-http.js';

const { startHall, eachEngine } = useHallServersOnEachEngine();
const ID_HASH_KEY = 'test-hall-id-hash-key-0123';
/** The number on clerk c001's own ID card. */
const CLERK_CARD = '430602199003071231';
const PIN_2468 = await hashPin('2468');

async function hall() {
  const config = HallConfigSchema.parse({
    hallName: '测试大厅',
    queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
    windows: [{ number: 5, name: '税务', queues: [{ queueId: 'tax' }] }],
    idHashKey: ID_HASH_KEY,
    managers: TEST_HALL.managers,
    clerks: [
      {
        id: 'c001',
        name: '王晓',
        pinHash: PIN_2468,
        idHash: createHmac('sha256', ID_HASH_KEY).update(CLERK_CARD).digest('hex'),
      },
    ],
  });
  return startHall(config);
}

eachEngine('clerks at windows', () => {
  it('calls only with a clerk logged in, who is named on the window and credited in the statistics', async () => {
    const h = await hall();
    await h.post('/api/v1/tickets', { queueId: 'tax', terminalId: 'k1' });
    expect((await h.post('/api/v1/calls/next', { windowNumber: 5 })).body.error?.message).toContain('请工作人员先登录');
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '1111' })).body.error?.message).toContain(
      '工号或密码不正确',
    );
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '2468' })).body).toMatchObject({
      clerk: { id: 'c001', name: '王晓' },
    });
    await h.post('/api/v1/calls/next', { windowNumber: 5 });
    await h.post('/api/v1/calls/finish', { windowNumber: 5 });
    const stats = (await (await fetch(`${h.base}/api/v1/stats`, { headers: { cookie: await managerCookie(h.base) } })).json()) as HallStats;
    expect(stats.byClerk).toEqual([expect.objectContaining({ key: 'c001', name: '王晓', served: 1 })]);
    expect((await h.post('/api/v1/clerks/logout', { windowNumber: 5 })).body).toMatchObject({ clerk: null });
  });

  it('logs a clerk in with their own ID card and PIN, and refuses a card that is not a clerk’s', async () => {
    const h = await hall();
    expect(
      (await h.post('/api/v1/clerks/login', { windowNumber: 5, idNumber: '11010519491231002X', pin: '2468' })).body.error?.message,
    ).toContain('未登记为本厅工作人员');
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, idNumber: CLERK_CARD, pin: '1111' })).body.error?.message).toContain(
      '密码不正确',
    );
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, idNumber: CLERK_CARD, pin: '2468' })).body).toMatchObject({
      clerk: { id: 'c001', name: '王晓' },
    });
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', idNumber: CLERK_CARD, pin: '2468' })).status).toBe(
      400,
    );
  });

  it('locks the login after five wrong PINs', async () => {
    const h = await hall();
    for (let i = 0; i < 5; i++) await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '0000' });
    expect((await h.post('/api/v1/clerks/login', { windowNumber: 5, clerkId: 'c001', pin: '2468' })).body.error?.message).toContain(
      '密码错误次数过多，登录已锁定',
    );
  });
});

eachEngine('clerk PINs', () => {
  it('are kept as salted scrypt hashes: two of the same PIN differ, and only the PIN matches', async () => {
    const again = await hashPin('2468');
    expect(again).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(again).not.toBe(PIN_2468);
    expect(await pinMatches(again, '2468')).toBe(true);
    expect(await pinMatches(again, '2469')).toBe(false);
  });

  it('refuses a config with an old SHA-256 PIN or a cheap scrypt cost, saying how to make one', () => {
    const clerk = (pinHash: string) =>
      HallConfigSchema.safeParse({
        hallName: '测试大厅',
        queues: [{ id: 'tax', name: '税务', prefix: 'C' }],
        clerks: [{ id: 'c001', name: '王晓', pinHash }],
      });
    expect(clerk('1caa574be52c9bb41f359e1325fcbb7a550969cf4d2ba345aa2da287fd1a177f').error?.issues[0]?.message).toContain(
      'npm run hall:admin -- pin-hash',
    );
    expect(clerk(PIN_2468.replace('$32768$', '$1024$')).error?.issues[0]?.message).toContain('scrypt 成本过低');
  });
});
