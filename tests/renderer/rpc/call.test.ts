import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../src/shared/rpc/errors.js';
import { createCall, type CallOptions, type Host } from '../../../src/renderer/rpc/call.js';
import type { RendererRpc } from '../../../src/renderer/rpc/connection.js';

/** A host whose every call waits until the test answers or fails it, and which records what was asked. */
function fakeHost() {
  const asked: { method: string; input: unknown; answer(value: unknown): void; fail(failure: Error): void }[] = [];
  const rpc = {
    invoke: (method: string, input: unknown) =>
      new Promise((answer, fail) => {
        asked.push({ method, input, answer, fail });
      }),
    on: () => () => {},
    state: () => 'open',
    onState: () => () => {},
  } as unknown as RendererRpc;
  return { rpc, asked };
}

function callOf<A extends unknown[], T>(rpc: RendererRpc, work: (host: Host, ...args: A) => Promise<T>, options: CallOptions<T> = {}) {
  const call = createCall(rpc, { work, options });
  const seen: { busy: boolean; error: string | undefined }[] = [];
  call.subscribe(() => seen.push(call.state()));
  return { call, seen };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createCall (useCall without React)', () => {
  it('is busy while the work runs and hands the answer on', async () => {
    const { rpc, asked } = fakeHost();
    const answers: unknown[] = [];
    const { call, seen } = callOf(rpc, (host, jobId: string) => host.invoke('printer.reprint', { jobId }), {
      onAnswer: (value) => answers.push(value),
    });
    const run = call.run('job-1');
    expect(call.state()).toEqual({ busy: true, error: undefined });
    expect(asked.map(({ method, input }) => ({ method, input }))).toEqual([{ method: 'printer.reprint', input: { jobId: 'job-1' } }]);
    asked[0]!.answer({ id: 'job-1' });
    expect(await run).toEqual({ id: 'job-1' });
    expect(answers).toEqual([{ id: 'job-1' }]);
    expect(call.state()).toEqual({ busy: false, error: undefined });
    expect(seen.at(-1)).toEqual({ busy: false, error: undefined });
  });

  it('keeps the failure’s message until it is dismissed or the next run starts, and tells onFailure', async () => {
    const { rpc, asked } = fakeHost();
    const told: string[] = [];
    const { call } = callOf(rpc, (host) => host.invoke('customer.skipRating', {}), { onFailure: (message) => told.push(message) });
    const run = call.run();
    asked[0]!.fail(new RpcError('REFUSED', '没有待评价的服务 / nothing to rate'));
    expect(await run).toBeUndefined();
    expect(call.state()).toEqual({ busy: false, error: '没有待评价的服务 / nothing to rate' });
    expect(told).toEqual(['没有待评价的服务 / nothing to rate']);
    call.dismiss();
    expect(call.state().error).toBeUndefined();
    call.fail('须刷身份证 / ID card needed');
    expect(call.state().error).toBe('须刷身份证 / ID card needed');
    void call.run();
    expect(call.state()).toEqual({ busy: true, error: undefined });
  });

  it('exclusive: a second run while the first runs does nothing', async () => {
    const { rpc, asked } = fakeHost();
    const { call } = callOf(rpc, (host) => host.invoke('docscan.scan', { source: 'feeder' }), { exclusive: true });
    const first = call.run();
    const second = call.run();
    expect(asked).toHaveLength(1);
    expect(await second).toBeUndefined();
    asked[0]!.answer({ pages: [] });
    expect(await first).toEqual({ pages: [] });
    void call.run();
    expect(asked).toHaveLength(2);
  });

  it('without exclusive, every run is asked and each answer counts', async () => {
    const { rpc, asked } = fakeHost();
    const answers: unknown[] = [];
    const { call } = callOf(rpc, (host, jobId: string) => host.invoke('printer.reprint', { jobId }), {
      onAnswer: (value) => answers.push(value),
    });
    const runs = [call.run('a'), call.run('b')];
    asked[0]!.answer('A');
    await settled();
    expect(call.state().busy).toBe(true);
    asked[1]!.answer('B');
    await Promise.all(runs);
    expect(answers).toEqual(['A', 'B']);
    expect(call.state().busy).toBe(false);
  });

  it('latestOnly: the answer or failure of a run superseded by a newer one is dropped', async () => {
    const { rpc, asked } = fakeHost();
    const answers: unknown[] = [];
    const { call } = callOf(rpc, (host, code: string) => host.invoke('catalog.item', { code }), {
      latestOnly: true,
      onAnswer: (value) => answers.push(value),
    });
    const stale = call.run('old');
    const latest = call.run('new');
    asked[1]!.answer('NEW');
    expect(await latest).toBe('NEW');
    asked[0]!.fail(new Error('旧的失败 / the old one failed'));
    expect(await stale).toBeUndefined();
    expect(answers).toEqual(['NEW']);
    expect(call.state()).toEqual({ busy: false, error: undefined });
  });

  it('uses the newest work and callbacks given by update (the latest render)', async () => {
    const { rpc, asked } = fakeHost();
    const answers: string[] = [];
    const call = createCall(rpc, {
      work: (host) => host.invoke('printer.reprint', { jobId: 'first' }),
      options: { onAnswer: () => answers.push('first') },
    });
    call.update({
      work: (host) => host.invoke('printer.reprint', { jobId: 'second' }),
      options: { onAnswer: () => answers.push('second') },
    });
    const run = call.run();
    expect(asked[0]!.input).toEqual({ jobId: 'second' });
    asked[0]!.answer({});
    await run;
    expect(answers).toEqual(['second']);
  });
});

describe('host.create (the request id of a call that creates something)', () => {
  const take = (host: Host, queueId: string) => host.create('queue.takeTicket', { queueId });

  it('asks again with the same request id while no answer came, and with a new one after an answer', async () => {
    const { rpc, asked } = fakeHost();
    const { call } = callOf(rpc, take);
    const first = call.run('q1');
    asked[0]!.fail(new RpcError('UNAVAILABLE', '连接已断开 / lost the connection'));
    await first;
    const again = call.run('q1');
    asked[1]!.answer({ ticketNumber: 'A001' });
    await again;
    const next = call.run('q1');
    asked[2]!.answer({ ticketNumber: 'A002' });
    await next;
    const ids = asked.map(({ input }) => (input as { requestId: string }).requestId);
    expect(asked.map(({ input }) => (input as { queueId: string }).queueId)).toEqual(['q1', 'q1', 'q1']);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('a different choice, or a refusal, gets a new request id', async () => {
    const { rpc, asked } = fakeHost();
    const { call } = callOf(rpc, take);
    const first = call.run('q1');
    asked[0]!.fail(new RpcError('TIMEOUT', '大厅未及时答复 / the hall did not answer in time'));
    await first;
    const other = call.run('q2');
    asked[1]!.fail(new RpcError('REFUSED', '今日已停止取号 / no more numbers today'));
    await other;
    void call.run('q2');
    const ids = asked.map(({ input }) => (input as { requestId: string }).requestId);
    expect(new Set(ids).size).toBe(3);
    expect(call.state().busy).toBe(true);
  });
});
