import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { event, method } from '../../src/shared/rpc/define.js';
import { RpcError } from '../../src/shared/rpc/errors.js';
import { createRpcHost } from '../../src/shared/rpc/rpc-host.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { RpcRole } from '../../src/shared/roles.js';

const methods = {
  'math.add': method({
    summary: 'adds',
    input: z.object({ a: z.number(), b: z.number().default(1) }).strict(),
    output: z.object({ sum: z.number() }),
    roles: ['operator', 'kiosk'],
  }),
  'clerk.login': method({
    summary: 'a PIN with its own message',
    input: z
      .object({ pin: z.string().regex(/^\d{4,8}$/, 'PIN 为 4–8 位数字 / the PIN has 4–8 digits'), clerkId: z.string().min(1) })
      .strict(),
    output: z.object({}),
    roles: ['operator'],
  }),
  'admin.wipe': method({ summary: 'operator only', input: z.object({}), output: z.object({}), roles: ['operator'] }),
  'broken.output': method({
    summary: 'returns the wrong shape',
    input: z.object({}),
    output: z.object({ n: z.number() }),
    roles: ['kiosk'],
  }),
  'broken.throws': method({ summary: 'throws', input: z.object({}), output: z.object({}), roles: ['kiosk'] }),
  'domain.refuse': method({ summary: 'refuses', input: z.object({}), output: z.object({}), roles: ['kiosk'] }),
};
const events = {
  'math.done': event({ summary: 'for operators', payload: z.object({ sum: z.number() }), roles: ['operator'] }),
};

function setup(role: RpcRole, validateOutput = true) {
  const internal: string[] = [];
  const host = createRpcHost({
    methods,
    events,
    validateOutput,
    onInternalError: (_error, name) => internal.push(name),
    handlers: {
      'math.add': ({ a, b }) => ({ sum: a + b }),
      'admin.wipe': () => ({}),
      'clerk.login': () => ({}),
      'broken.output': () => ({ n: 'not a number' }) as never,
      'broken.throws': () => {
        throw new Error('database file is locked at /secret/path');
      },
      'domain.refuse': () => {
        throw new RpcError('REFUSED', '今日已达上限');
      },
    },
  });
  const [serverEnd, clientEnd] = createMemoryTransportPair();
  const connection = host.connect(serverEnd, role);
  const client = createRpcClient<typeof methods, typeof events>(clientEnd, { timeoutMs: 500 });
  return { host, client, clientEnd, connection, internal };
}

function errorOf(promise: Promise<unknown>): Promise<RpcError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: RpcError) => error,
  );
}

describe('RPC host and client', () => {
  it('answers a valid call with the handler’s value, schema defaults applied', async () => {
    const { client } = setup('kiosk');
    await expect(client.invoke('math.add', { a: 2, b: 3 })).resolves.toEqual({ sum: 5 });
    await expect(client.invoke('math.add', { a: 2 })).resolves.toEqual({ sum: 3 });
  });

  it('refuses a method the role may not use, naming the method', async () => {
    const { client } = setup('kiosk');
    const error = await errorOf(client.invoke('admin.wipe', {}));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('admin.wipe');
    expect(error.message).toContain('kiosk');
  });

  it('refuses an unknown method, including names inherited from Object.prototype', async () => {
    const { client } = setup('operator');
    for (const name of ['nope.nothing', 'toString', '__proto__', 'constructor']) {
      const error = await errorOf(client.invoke(name as 'math.add', { a: 1 }));
      expect(error.code).toBe('UNKNOWN_METHOD');
    }
  });

  it('refuses invalid input with the path and the problem', async () => {
    const { client } = setup('kiosk');
    const wrongType = await errorOf(client.invoke('math.add', { a: 'two' } as never));
    expect(wrongType.code).toBe('INVALID_INPUT');
    expect(wrongType.message).toMatch(/a: .*number/i);
    const extraKey = await errorOf(client.invoke('math.add', { a: 1, evil: true } as never));
    expect(extraKey.message).toContain('evil');
  });

  it('says in plain words which field is wrong, without the method name', async () => {
    const { client } = setup('operator');
    const badPin = await errorOf(client.invoke('clerk.login', { pin: '12', clerkId: 'c001' }));
    expect(badPin.code).toBe('INVALID_INPUT');
    expect(badPin.message).toMatch(/^输入有误：PIN 为 4–8 位数字/);
    expect(badPin.message).toContain('pin: the PIN has 4–8 digits');
    const noClerk = await errorOf(client.invoke('clerk.login', { pin: '2468' } as never));
    expect(noClerk.message).toMatch(/^输入有误：缺少“工号”/);
    for (const error of [badPin, noClerk]) expect(error.message).not.toContain('clerk.login');
  });

  it('answers malformed requests with BAD_REQUEST, echoing the id where it can', async () => {
    const { clientEnd } = setup('kiosk');
    const replies: unknown[] = [];
    clientEnd.onMessage((message) => replies.push(message));
    clientEnd.send('not an object');
    clientEnd.send({ id: 7, method: 42 });
    clientEnd.send({ id: 8, method: 'math.add', input: {}, extra: 1 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(replies).toEqual([
      { id: null, ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) },
      { id: 7, ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) },
      { id: 8, ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) },
    ]);
  });

  it('passes a deliberate refusal through, and hides internal errors behind a message a person can act on', async () => {
    const { client, internal } = setup('kiosk');
    const refused = await errorOf(client.invoke('domain.refuse', {}));
    expect(refused).toMatchObject({ code: 'REFUSED', message: '今日已达上限' });
    const crashed = await errorOf(client.invoke('broken.throws', {}));
    expect(crashed.code).toBe('INTERNAL');
    expect(crashed.message).not.toContain('/secret/path');
    expect(internal).toEqual(['broken.throws']);
  });

  it('catches a handler that returns the wrong shape when output validation is on', async () => {
    const { client, internal } = setup('kiosk', true);
    expect((await errorOf(client.invoke('broken.output', {}))).code).toBe('INTERNAL');
    expect(internal).toEqual(['broken.output']);
  });

  it('delivers events only to connections whose role may receive them, validated', async () => {
    const { host, client } = setup('operator');
    const [kioskServerEnd, kioskClientEnd] = createMemoryTransportPair();
    host.connect(kioskServerEnd, 'kiosk');
    const kioskClient = createRpcClient<typeof methods, typeof events>(kioskClientEnd);
    const seenByOperator: unknown[] = [];
    const seenByKiosk: unknown[] = [];
    client.on('math.done', (payload) => seenByOperator.push(payload));
    kioskClient.on('math.done', (payload) => seenByKiosk.push(payload));
    host.emit('math.done', { sum: 4 });
    expect(() => host.emit('math.done', { sum: 'x' } as never)).toThrow();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seenByOperator).toEqual([{ sum: 4 }]);
    expect(seenByKiosk).toEqual([]);
  });

  it('forgets a connection when its transport closes', async () => {
    const { host, clientEnd } = setup('kiosk');
    expect(host.connectionCount()).toBe(1);
    (clientEnd as unknown as { close(): void }).close();
    expect(host.connectionCount()).toBe(0);
  });

  it('times out a call that gets no answer, with the method in the message', async () => {
    const [, lonely] = createMemoryTransportPair();
    const client = createRpcClient<typeof methods, typeof events>(lonely, { timeoutMs: 30 });
    const error = await errorOf(client.invoke('math.add', { a: 1 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('math.add');
  });
});
