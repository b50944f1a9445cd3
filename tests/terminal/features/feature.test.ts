import { afterEach, describe, expect, it } from 'vitest';
import { methods, type Events, type MethodName, type Methods } from '../../../src/shared/contract.js';
import { createRpcClient } from '../../../src/shared/rpc/client.js';
import type { Handlers } from '../../../src/shared/rpc/rpc-host.js';
import { createMemoryTransportPair } from '../../../src/shared/rpc/transport.js';
import type { RpcRole } from '../../../src/shared/roles.js';
import { both, combineFeatures, guarded, present, refuseAll, type Feature } from '../../../src/terminal/features/feature.js';
import { createTerminalHost, type TerminalHost } from '../../../src/terminal/host.js';
import { testTerminalConfig } from '../../helpers/terminal.js';

/** A feature serving the given methods with handlers that answer nothing. */
function serving<K extends MethodName>(name: string, served: readonly K[]): Feature<K> {
  return { name, handlers: Object.fromEntries(served.map((method) => [method, () => ({})])) as unknown as Pick<Handlers<Methods>, K> };
}
const ALL = Object.keys(methods) as MethodName[];
const everything = serving('all', ALL);
const hello = serving('system', ['system.hello'] as const);
const allButHello = serving(
  'rest',
  ALL.filter((method): method is Exclude<MethodName, 'system.hello'> => method !== 'system.hello'),
);

describe('combining the features of a host', () => {
  it('takes features that serve every method of the contract once', () => {
    const composition = combineFeatures(methods, [allButHello, hello]);
    expect(Object.keys(composition.handlers).sort()).toEqual([...ALL].sort());
  });

  it('refuses a method served by two features, naming both', () => {
    // @ts-expect-error system.hello is served twice
    expect(() => combineFeatures(methods, [everything, hello])).toThrow('method system.hello is served by two features, all and system');
  });

  it('refuses a contract method no feature serves', () => {
    // @ts-expect-error system.hello has no handler
    expect(() => combineFeatures(methods, [allButHello])).toThrow('no feature serves the contract methods system.hello');
  });

  it('refuses a handler for a method the contract does not have', () => {
    const stray = { name: 'stray', handlers: { 'system.nothing': () => ({}) } } as unknown as Feature<never>;
    expect(() => combineFeatures(methods, [everything, stray])).toThrow(
      'feature stray serves system.nothing, which is not in the contract',
    );
  });

  it('starts features in order and stops them in reverse', async () => {
    const order: string[] = [];
    const traced = <K extends MethodName>(feature: Feature<K>): Feature<K> => ({
      ...feature,
      start: () => order.push(`start ${feature.name}`),
      stop: () => void order.push(`stop ${feature.name}`),
    });
    const composition = combineFeatures(methods, [traced(allButHello), traced(hello)]);
    composition.start();
    await composition.stop();
    expect(order).toEqual(['start rest', 'start system', 'stop system', 'stop rest']);
  });
});

describe('guards', () => {
  const context = { role: 'operator', connectionId: 1 } as const;

  it('run before each handler of their group and give it what they guard', async () => {
    let calls = 0;
    const handlers = guarded(
      () => {
        calls += 1;
        return 7;
      },
      {
        'counter.callNext': (_input, window) => ({ windowNumber: window }) as never,
        'counter.recall': (_input, window) => ({ windowNumber: window * 2 }) as never,
      },
    );
    expect(await handlers['counter.callNext']({}, context)).toEqual({ windowNumber: 7 });
    expect(await handlers['counter.recall']({}, context)).toEqual({ windowNumber: 14 });
    expect(calls).toBe(2);
  });

  it('refuse every call of a feature a terminal lacks, in the words given, and in order when two apply', () => {
    expect(() => refuseAll('本终端没有 / not here')()).toThrow(
      expect.objectContaining({ code: 'REFUSED', message: '本终端没有 / not here' }),
    );
    expect(present(null, '没有 / none')).toThrow('没有 / none');
    expect(present(3, '没有 / none')()).toBe(3);
    expect(both(present(1, 'a'), present(2, 'b'))()).toEqual([1, 2]);
    expect(both(present(null, 'first'), present(null, 'second'))).toThrow('first');
  });
});

describe('the features of a kiosk host', () => {
  const hosts: TerminalHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((host) => host.stop()));
  });
  function pageOfKiosk(role: RpcRole) {
    const host = createTerminalHost({
      config: testTerminalConfig('kiosk', 'http://127.0.0.1:9', 'http://127.0.0.1:9'),
      version: 'test',
      validateOutput: true,
      linkCheckIntervalMs: 60_000,
    });
    hosts.push(host);
    const [server, client] = createMemoryTransportPair();
    host.rpc.connect(server, role);
    return createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
  }

  it('refuses what only a counter has, saying so', async () => {
    const operator = pageOfKiosk('operator');
    for (const call of [
      operator.invoke('cases.list', {}),
      operator.invoke('sync.state', {}),
      operator.invoke('sync.retry', { opId: 'op-1' }),
    ]) {
      await expect(call).rejects.toMatchObject({ code: 'REFUSED', message: '只有窗口终端保存办件 / only a counter keeps cases' });
    }
    await expect(operator.invoke('counter.callNext', {})).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/not a counter/),
    });
    await expect(operator.invoke('docscan.scan', {})).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringMatching(/no document scanner/),
    });
  });
});
