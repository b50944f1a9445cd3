import { createHash } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { hallApi } from '../../src/shared/hall-api.js';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { DeadlineCardsSchema } from '../../src/shared/supervision.js';
import { TEST_HALL, TEST_SUPERVISOR } from '../helpers/hall-config.js';
import { useHallServers } from '../helpers/hall-http.js';
import { consoleCall, managerCookie } from '../helpers/manager-login.js';
import { callPlatform, platformToken, startTestPlatform, testSubmitOp, type TestPlatform } from '../helpers/platform.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { TEST_PLATFORM_SECRET, testPlatformConfig } from '../helpers/terminal.js';

const tempDir = useTempDir('onewindow-cards-');
const startHall = useHallServers();
const HALL_SECRET = 'test-hall-server-cards-secret';
let platform: TestPlatform | undefined;
afterEach(async () => platform?.close());

it('cards the hall’s 承诺件 by its working days: 红牌 past the promised date, 黄牌 within the warning days, none for the rest', async () => {
  let platformNow = new Date('2026-11-20T02:00:00Z');
  platform = await startTestPlatform(tempDir(), {
    now: () => platformNow,
    config: {
      terminals: [
        ...testPlatformConfig().terminals,
        { id: 'hall-t', secretSha256: createHash('sha256').update(HALL_SECRET).digest('hex'), hall: 'test-hall', role: 'hall' as const },
      ],
    },
  });
  const takeIn = async (promisedDays: number, itemName: string) => {
    // A token lasts an hour of the platform's clock, which this test moves by days.
    const counter = await platformToken(platform!.url, 'counter-t', TEST_PLATFORM_SECRET);
    const op = testSubmitOp('counter-t', { promisedDays, itemName });
    const ack = await callPlatform(platform!.url, '/api/v1/operations', {
      body: op,
      token: counter,
      headers: { 'idempotency-key': op.opId },
    });
    expect(ack.status).toBe(200);
  };
  // Friday 20 November: one working day promised is Monday 23 November, long past on 4 December.
  await takeIn(1, '不动产登记（转移登记）');
  platformNow = new Date('2026-12-03T02:00:00Z');
  await takeIn(1, '不动产登记（抵押登记）');
  await takeIn(10, '不动产登记（变更登记）');

  const hall = await startHall(
    HallConfigSchema.parse({ ...TEST_HALL, platform: { url: platform.url, terminalId: 'hall-t', secret: HALL_SECRET } }),
    { now: () => new Date('2026-12-04T02:00:00Z') },
  );
  const cookie = await managerCookie(hall.base, TEST_SUPERVISOR);
  const cards = DeadlineCardsSchema.parse((await consoleCall(hall.base, cookie, hallApi.deadlineCards.path)).body);
  expect(cards).toMatchObject({
    state: 'checked',
    today: '2026-12-04',
    warningDays: 2,
    open: 3,
    cards: [
      // 24 November to 4 December: nine working days late.
      { itemName: '不动产登记（转移登记）', card: 'red', promisedDate: '2026-11-23', workingDaysLeft: -9 },
      { itemName: '不动产登记（抵押登记）', card: 'yellow', promisedDate: '2026-12-04', workingDaysLeft: 0 },
    ],
  });
  // The platform tells only a hall server of its hall's deadlines.
  const counter = await platformToken(platform.url, 'counter-t', TEST_PLATFORM_SECRET);
  expect((await callPlatform(platform.url, '/api/v1/supervision/deadlines', { token: counter })).status).toBe(403);
});

it('says so when the hall has no platform to ask', async () => {
  const hall = await startHall(TEST_HALL);
  const cookie = await managerCookie(hall.base, TEST_SUPERVISOR);
  expect((await consoleCall(hall.base, cookie, hallApi.deadlineCards.path)).body).toEqual({ state: 'unconfigured' });
});
