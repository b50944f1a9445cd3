import { afterEach, describe, expect, it } from 'vitest';
import type { Events, Methods } from '../../src/shared/contract.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { testTerminalConfig } from '../helpers/terminal.js';
import { waitFor } from '../helpers/wait-for.js';

const hosts: TerminalHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

function startHost(idcard: unknown) {
  const config = testTerminalConfig('counter', 'http://127.0.0.1:9', 'http://127.0.0.1:9', idcard ? { idcard } : {});
  const host = createTerminalHost({ config, version: 'test', validateOutput: true, linkCheckIntervalMs: 60_000 });
  hosts.push(host);
  host.start();
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, 'operator');
  const rpc = createRpcClient<Methods, Events>(client, { timeoutMs: 10_000 });
  const cards: unknown[] = [];
  rpc.on('idcard.card', (card) => cards.push(card));
  return { rpc, cards };
}

describe('terminal host with an ID-card reader', () => {
  it('sends pages the card masked when one is placed on the simulated reader', async () => {
    const { rpc, cards } = startHost({ kind: 'simulated', pollIntervalMs: 100 });
    const status = await rpc.invoke('idcard.status', {});
    expect(status.simulatedSamples).toEqual(expect.arrayContaining(['resident', 'foreigner-2017', 'foreigner-2023', 'hkmotw']));
    await rpc.invoke('idcard.simulate', { sample: 'resident' });
    await waitFor(() => cards.length === 1);
    expect(cards[0]).toEqual({
      type: 'resident',
      typeName: '居民身份证',
      name: '张*试',
      sex: '男',
      idNumber: '430602********1231',
      validTo: '2036-05-01',
      photoDecoded: false,
      problems: [],
    });
    expect(JSON.stringify(cards)).not.toContain('430602199003071231');
    expect(JSON.stringify(cards)).not.toContain('示例路');
  });

  it('flags an expired card for the clerk', async () => {
    const { rpc } = startHost({ kind: 'simulated', pollIntervalMs: 100 });
    const next = rpc.invoke('idcard.read', { timeoutMs: 5000 });
    await rpc.invoke('idcard.simulate', { sample: 'hkmotw' });
    const card = await next;
    expect(card.typeName).toBe('港澳台居民居住证');
    expect(card.problems).toEqual([expect.stringContaining('过期')]);
  });

  it('answers a read with no card in time, an unknown sample, and simulation on a real reader with clear refusals', async () => {
    const simulated = startHost({ kind: 'simulated', pollIntervalMs: 100 });
    await expect(simulated.rpc.invoke('idcard.read', { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('未检测到证件'),
    });
    await expect(simulated.rpc.invoke('idcard.simulate', { sample: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const real = startHost({ kind: 'serial', port: '/nonexistent/ttyUSB0' });
    await expect(real.rpc.invoke('idcard.simulate', { sample: 'resident' })).rejects.toMatchObject({ code: 'REFUSED' });
    // Opening the port fails at once, but on a loaded machine the status may take a while to say so.
    await expect
      .poll(() => real.rpc.invoke('idcard.status', {}), { timeout: 10_000 })
      .toMatchObject({ state: 'disconnected', message: expect.stringContaining('/nonexistent/ttyUSB0') });

    const none = startHost(undefined);
    expect(await none.rpc.invoke('idcard.status', {})).toMatchObject({ state: 'absent' });
    await expect(none.rpc.invoke('idcard.read', { timeoutMs: 1000 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
