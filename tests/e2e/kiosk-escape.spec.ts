import { expect, test } from '@playwright/test';
import { pageUrl } from './urls.js';

/** What a passer-by might try on a public screen, in browser mode; the Electron policies cover the rest. */
test('the kiosk ignores shortcuts, right-click, dropped files and links, and window.open', async ({ page, context }) => {
  await page.goto(pageUrl('kiosk'));
  await expect(page.locator('button[data-screen]').first()).toBeVisible();
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));

  const prevented = await page.evaluate(() =>
    ['F5', 'F12', 'r', 'w', 'p'].map((key) => {
      const event = new KeyboardEvent('keydown', { key, ctrlKey: key.length === 1, bubbles: true, cancelable: true });
      document.body.dispatchEvent(event);
      return event.defaultPrevented;
    }),
  );
  expect(prevented).toEqual([true, true, true, true, true]);
  await page.keyboard.press('F5');
  await page.keyboard.press('Control+R');
  expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');

  const menuPrevented = await page.evaluate(() => {
    const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(menuPrevented).toBe(true);

  const url = page.url();
  const dropPrevented = await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['<h1>hi</h1>'], 'evil.html', { type: 'text/html' }));
    data.setData('text/uri-list', 'https://example.com/');
    const event = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(dropPrevented).toBe(true);
  expect(page.url()).toBe(url);

  let popups = 0;
  context.on('page', () => popups++);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  await page.waitForTimeout(300);
  expect(popups).toBe(0);
});
