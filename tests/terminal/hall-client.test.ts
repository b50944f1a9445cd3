import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { createHallClient } from '../../src/terminal/hall-client.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';

const startHall = useHallServers();
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const KIOSK = 'kiosk-01-token-0123456789';
const COUNTER = 'counter-01-token-0123456789';
const CONFIG = HallConfigSchema.parse({
  ...TEST_HALL_WITH_CLERK,
  terminals: [
    { id: 'kiosk-01', role: 'kiosk', tokenSha256: sha(KIOSK) },
    { id: 'counter-01', role: 'counter', window: 1, tokenSha256: sha(COUNTER) },
  ],
});

describe("the terminal's hall client keeps the hall's code", () => {
  it('a refusal for the role (403) reaches the page as FORBIDDEN, a wrong token (401) as UNAUTHORIZED, with the hall’s words', async () => {
    const hall = await startHall(CONFIG);
    const kiosk = createHallClient(hall.base, 'kiosk-01', () => KIOSK);
    await expect(kiosk.issueTicket('comprehensive', { priority: true }, randomUUID())).rejects.toMatchObject({
      name: 'RpcError',
      code: 'FORBIDDEN',
      message: '绿色通道须由工作人员办理 / only staff can put a ticket in the green channel',
    });
    await expect(createHallClient(hall.base, 'kiosk-01', () => 'not-a-token-of-this-hall').listQueues()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(createHallClient(hall.base, 'counter-01', () => COUNTER).callNext(2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a locked login (429) reaches the page as RATE_LIMITED, not as a refusal to be fixed', { timeout: 60_000 }, async () => {
    const hall = await startHall(CONFIG);
    const counter = createHallClient(hall.base, 'counter-01', () => COUNTER);
    for (let attempt = 0; attempt < 5; attempt++)
      await expect(counter.login(1, { clerkId: TEST_CLERK.id }, '0000')).rejects.toMatchObject({ code: 'REFUSED' });
    await expect(counter.login(1, { clerkId: TEST_CLERK.id }, TEST_CLERK.pin)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^密码错误次数过多，登录已锁定/),
    });
  });
});
