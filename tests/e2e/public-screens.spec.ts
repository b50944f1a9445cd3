import { PAGES } from '../../src/shared/roles.js';
import { expect, test } from './fixtures.js';
import { pageUrl } from './urls.js';

test('every page has its icon, and loads without a 404', async ({ newPage }) => {
  for (const name of PAGES) {
    const page = await newPage();
    const failures: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /404/.test(message.text())) failures.push(`${name}: ${message.location().url}`);
    });
    await page.goto(pageUrl(name));
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toBeTruthy();
    const response = await page.request.get(new URL(icon!, page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('image/svg+xml');
    await page.waitForLoadState('networkidle');
    expect(failures).toEqual([]);
  }
});

test('the kiosk shows citizens neither the software’s version nor the terminal’s id', async ({ page }) => {
  await page.goto(pageUrl('kiosk'));
  await expect(page.locator('[data-hall="online"]')).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/kiosk-01|\bv\d+\.\d+/);
});
