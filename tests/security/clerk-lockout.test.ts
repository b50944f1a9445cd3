import { createHash, createHmac } from 'node:crypto';
import * as crypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HallConfigSchema } from '../../src/shared/hall-config.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../helpers/hall-config.js';
import { useHallServers, type RunningHall } from '../helpers/hall-http.js';
import { HALL_ENGINES } from '../helpers/hall-store.js';

// Every PIN hash the hall evaluates goes through node:crypto's scrypt: counting its calls counts the work.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scrypt = vi.mocked(crypto.scrypt);

const startHall = useHallServers();
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const ID_HASH_KEY = 'test-hall-id-hash-key-0123';
const CLERK_CARD = '430602199003071231';
const COUNTER_1 = 'counter-01-token-0123456789';
const COUNTER_2 = 'counter-02-token-0123456789';

const CONFIG = () =>
  HallConfigSchema.parse({
    ...TEST_HALL_WITH_CLERK,
    idHashKey: ID_HASH_KEY,
    clerks: [{ ...TEST_HALL_WITH_CLERK.clerks[0]!, idHash: createHmac('sha256', ID_HASH_KEY).update(CLERK_CARD).digest('hex') }],
    terminals: [
      { id: 'counter-01', role: 'counter', window: 1, tokenSha256: sha(COUNTER_1) },
      { id: 'counter-02', role: 'counter', window: 2, tokenSha256: sha(COUNTER_2) },
    ],
  });

function hall(): Promise<RunningHall> {
  return startHall(CONFIG());
}

const login = (h: RunningHall, body: object, token = COUNTER_1) =>
  h.post('/api/v1/clerks/login', { windowNumber: token === COUNTER_1 ? 1 : 2, ...body }, token);
const failedTries = (h: RunningHall) =>
  h.store.all<{ payload: string; hash: string | null; actor: string }>(
    "SELECT payload, hash, actor FROM hall_events WHERE type = 'clerk.loginFailed' ORDER BY seq",
  );

beforeEach(() => {
  scrypt.mockClear();
});

describe('clerk PIN lockout, attacked over HTTP', { timeout: 60_000 }, () => {
  it('evaluates at most five of 60 simultaneous wrong PINs, records each in the chained log, and locks with when it ends', async () => {
    const h = await hall();
    const replies = await Promise.all(Array.from({ length: 60 }, (_, i) => login(h, { clerkId: TEST_CLERK.id, pin: String(1000 + i) })));

    expect(scrypt).toHaveBeenCalledTimes(5);
    const wrong = replies.filter((reply) => reply.status === 409);
    const locked = replies.filter((reply) => reply.status === 429);
    expect(wrong).toHaveLength(5);
    expect(locked).toHaveLength(55);
    expect(wrong.map((reply) => reply.body.error?.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^工号或密码不正确，还可再试 4 次 \//), expect.stringContaining('登录已锁定 5 分钟')]),
    );
    expect(locked[0]!.body.error).toEqual({
      code: 'LOGIN_LOCKED',
      message: expect.stringMatching(/^密码错误次数过多，登录已锁定，请于 \d\d:\d\d 后（约 5 分钟）再试 \//),
    });

    const tries = await failedTries(h);
    expect(tries).toHaveLength(5);
    for (const entry of tries) {
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(entry.actor).toBe('counter-01');
      expect(JSON.parse(entry.payload)).toEqual({ ticket: null, windowNumber: 1, clerkId: TEST_CLERK.id, triesLeft: expect.any(Number) });
    }

    scrypt.mockClear();
    expect((await login(h, { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin })).body.error?.code).toBe('LOGIN_LOCKED');
    expect(scrypt).not.toHaveBeenCalled();
  });

  it('locks a window that tries many clerk ids, and a clerk tried at another window', async () => {
    const h = await hall();
    for (let i = 0; i < 5; i++) expect((await login(h, { clerkId: `x${i}`, pin: '0000' })).status).toBe(409);
    expect((await login(h, { clerkId: 'x9', pin: '0000' })).body.error?.code).toBe('LOGIN_LOCKED');
    expect((await login(h, { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin })).body.error?.code).toBe('LOGIN_LOCKED');

    const other = await hall();
    for (let i = 0; i < 5; i++) await login(other, { clerkId: TEST_CLERK.id, pin: '0000' });
    expect((await login(other, { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin }, COUNTER_2)).body.error?.code).toBe('LOGIN_LOCKED');
    expect((await failedTries(other)).map((entry) => entry.actor)).toEqual(Array(5).fill('counter-01'));
  });

  it('does the same scrypt work for an unknown clerk id or card as for a known one, and records the try without the card', async () => {
    const h = await hall();
    const work = async (body: object) => {
      scrypt.mockClear();
      expect((await login(h, body)).status).toBe(409);
      return scrypt.mock.calls.map(([, salt, keyLength, options]) => ({ salt: Buffer.from(salt as Buffer).length, keyLength, options }));
    };
    const known = await work({ clerkId: TEST_CLERK.id, pin: '0000' });
    expect(known).toHaveLength(1);
    expect(await work({ clerkId: 'nobody', pin: '0000' })).toEqual(known);
    expect(await work({ idNumber: '11010519491231002X', pin: '0000' })).toEqual(known);
    expect(await work({ idNumber: CLERK_CARD, pin: '0000' })).toEqual(known);

    const payloads = (await failedTries(h)).map((entry) => entry.payload);
    expect(payloads).toHaveLength(4);
    expect(payloads.join()).not.toMatch(/11010519491231002X|430602199003071231|0000|nobody/);
  });

  it('lets the clerk in after wrong tries below the lock, and starts the count again', async () => {
    const h = await hall();
    for (let i = 0; i < 4; i++) await login(h, { clerkId: TEST_CLERK.id, pin: '0000' });
    expect((await login(h, { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin })).body).toMatchObject({ clerk: { id: TEST_CLERK.id } });
    await h.post('/api/v1/clerks/logout', { windowNumber: 1 }, COUNTER_1);
    expect((await login(h, { clerkId: TEST_CLERK.id, pin: '0000' })).body.error?.message).toContain('还可再试 4 次');
  });

  it.runIf(HALL_ENGINES.includes('postgresql'))(
    'counts the tries at both servers of a pair as one count: a guesser moving between them still has five',
    async () => {
      const a = await startHall(CONFIG(), { engine: 'postgresql' });
      const b = await startHall(CONFIG(), { engine: 'postgresql', reuse: a.location });
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 6; i++)
        codes.push((await login(i % 2 === 0 ? a : b, { clerkId: TEST_CLERK.id, pin: String(1000 + i) })).body.error?.code);
      expect(codes).toEqual(['REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'REFUSED', 'LOGIN_LOCKED']);
      expect(scrypt).toHaveBeenCalledTimes(5);
    },
  );
});
