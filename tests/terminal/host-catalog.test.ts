import { afterEach, describe, expect, it } from 'vitest';
import type { Events, Methods } from '../../src/shared/contract.js';
import { createRpcClient } from '../../src/shared/rpc/client.js';
import { createMemoryTransportPair } from '../../src/shared/rpc/transport.js';
import type { RpcRole } from '../../src/shared/roles.js';
import { createTerminalHost, type TerminalHost } from '../../src/terminal/host.js';
import { startTestHall, testTerminalConfig } from '../helpers/terminal.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function kioskHost(): Promise<TerminalHost> {
  const hall = await startTestHall();
  cleanups.push(() => hall.close());
  const host = createTerminalHost({
    config: testTerminalConfig('kiosk', hall.hallUrl, hall.platformUrl),
    version: '0.0.0-test',
    validateOutput: true,
    linkCheckIntervalMs: 60_000,
    onInternalError: (error) => {
      throw error;
    },
  });
  cleanups.push(() => host.stop());
  return host;
}

function page(host: TerminalHost, role: RpcRole) {
  const [server, client] = createMemoryTransportPair();
  host.rpc.connect(server, role);
  return createRpcClient<Methods, Events>(client, { timeoutMs: 8000 });
}

describe('the catalog through the contract', () => {
  it('lets a kiosk search, browse, read an item, be guided through it and get its guide', async () => {
    const kiosk = page(await kioskHost(), 'kiosk');
    const info = await kiosk.invoke('catalog.info', {});
    expect(info).toMatchObject({ version: 'sample-2026.11.1', sample: true, updateError: null });
    expect(info.zones.find((zone) => zone.id === 'real-estate')!.count).toBe(4);
    expect(info.lifeEvents.map((event) => event.name)).toContain('新生儿出生');

    const [hit] = (await kiosk.invoke('catalog.search', { query: 'zfgjj', limit: 3 })).hits;
    expect(hit).toMatchObject({ kind: 'item' });
    const births = await kiosk.invoke('catalog.browse', { by: 'lifeEvent', value: '新生儿出生' });
    expect(births.hits[0]).toMatchObject({ kind: 'bundle', code: 'newborn' });

    const item = await kiosk.invoke('catalog.item', { code: hit!.code });
    expect(item.name).toBe(hit!.name);
    const question = await kiosk.invoke('catalog.guide', { kind: 'bundle', id: 'newborn' });
    expect(question).toMatchObject({ kind: 'question', itemName: '出生登记（户口）' });
    const { html } = await kiosk.invoke('catalog.guideDocument', { kind: 'bundle', id: 'newborn' });
    expect(html).toContain('新生儿出生一件事 办事指南');
    expect(await kiosk.invoke('catalog.printGuide', { kind: 'item', code: hit!.code })).toBeNull();
  });

  it('says what is wrong with an unknown item or answer, and keeps the catalog from the customer screen', async () => {
    const host = await kioskHost();
    const kiosk = page(host, 'kiosk');
    await expect(kiosk.invoke('catalog.item', { code: 'NOPE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(kiosk.invoke('catalog.guide', { kind: 'item', code: 'NOPE' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no item NOPE/) });
    await expect(page(host, 'customer').invoke('catalog.search', { query: 'bdc' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
