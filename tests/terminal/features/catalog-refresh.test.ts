import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../helpers/catalog.js';
import { pageOf, useTestHosts } from '../../helpers/host.js';
import { startTestPlatform, type TestPlatform } from '../../helpers/platform.js';
import { startTestHall } from '../../helpers/terminal.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const hallAndHost = useTestHosts();
const tempDir = useTempDir('onewindow-catalog-refresh-');
let platform: TestPlatform | undefined;
afterEach(async () => platform?.close());

describe('catalog.refresh', () => {
  it('takes a catalog the platform just published at once, when the clerk asks, and says when there is none newer', async () => {
    platform = await startTestPlatform(tempDir(), { catalog: { ...sampleCatalog(), version: 'city-2026.12.1' } });
    const hall = await startTestHall();
    const { host } = await hallAndHost('counter', { running: { ...hall, platformUrl: platform.url, close: hall.close } });
    const clerk = pageOf(host, 'operator');
    const updates: unknown[] = [];
    clerk.on('catalog.updated', (payload) => updates.push(payload));
    expect((await clerk.invoke('catalog.info', {})).version).toBe('sample-2026.11.1');

    expect(await clerk.invoke('catalog.refresh', {})).toEqual({ updated: true, version: 'city-2026.12.1', updateError: null });
    expect((await clerk.invoke('catalog.info', {})).version).toBe('city-2026.12.1');
    expect(updates).toEqual([{ version: 'city-2026.12.1' }]);
    expect(await clerk.invoke('catalog.refresh', {})).toEqual({ updated: false, version: 'city-2026.12.1', updateError: null });
    await hall.close();
  });

  it('keeps the catalog in use and says why when the platform cannot be reached; a kiosk may not ask', async () => {
    const { host } = await hallAndHost('counter', {
      running: { hallUrl: 'http://127.0.0.1:9', platformUrl: 'http://127.0.0.1:9', close: async () => undefined },
    });
    const refreshed = await pageOf(host, 'operator').invoke('catalog.refresh', {});
    expect(refreshed).toMatchObject({
      updated: false,
      version: 'sample-2026.11.1',
      updateError: expect.stringMatching(/^事项库未能更新，继续使用版本 sample-2026\.11\.1/),
    });
    await expect(pageOf(host, 'kiosk').invoke('catalog.refresh', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
