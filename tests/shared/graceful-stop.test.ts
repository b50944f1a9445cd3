import { describe, expect, it } from 'vitest';
import { describeOverdueStop, stopWithin } from '../../src/shared/graceful-stop.js';

describe('stopping a server within its deadline', () => {
  it('runs every step in order and reports nothing when all closed', async () => {
    const ran: string[] = [];
    const steps = ['streams', 'database'].map((name) => ({ name, run: async () => void ran.push(name) }));
    expect(await stopWithin(steps, 10_000)).toEqual([]);
    expect(ran).toEqual(['streams', 'database']);
  });

  it('names the step that still hangs at the deadline, and those after it', async () => {
    const steps = [
      { name: 'HTTP', run: () => undefined },
      { name: 'event streams', run: () => new Promise(() => undefined) },
      { name: 'database', run: () => undefined },
    ];
    expect(await stopWithin(steps, 50)).toEqual(['event streams', 'database']);
  });

  it('goes on after a step that fails, and names it with its error', async () => {
    const ran: string[] = [];
    const steps = [
      { name: 'HTTP', run: () => Promise.reject(new Error('not running')) },
      { name: 'database', run: () => void ran.push('database') },
    ];
    expect(await stopWithin(steps, 10_000)).toEqual(['HTTP (not running)']);
    expect(ran).toEqual(['database']);
  });

  it('says in Chinese first what was still open', () => {
    expect(describeOverdueStop({ zh: '大厅服务器', en: 'hall server' }, ['事件流 / event streams'], ['TCPSocketWrap'])).toMatch(
      /^大厅服务器未能在 5 秒内正常停止.*事件流.*open handles: TCPSocketWrap$/,
    );
  });
});
