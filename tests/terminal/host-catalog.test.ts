import { describe, expect, it } from 'vitest';
import { pageOf, useTestHosts } from '../helpers/host.js';

const hallAndHost = useTestHosts();
const kioskHost = async () => (await hallAndHost('kiosk')).host;

describe('the catalog through the contract', () => {
  it('lets a kiosk search, browse, read an item, be guided through it and get its guide', async () => {
    const kiosk = pageOf(await kioskHost(), 'kiosk');
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
    const kiosk = pageOf(host, 'kiosk');
    await expect(kiosk.invoke('catalog.item', { code: 'NOPE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(kiosk.invoke('catalog.guide', { kind: 'item', code: 'NOPE' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/no item NOPE/),
    });
    await expect(pageOf(host, 'customer').invoke('catalog.search', { query: 'bdc' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
