import { test as base, type Page } from '@playwright/test';

/**
 * `newPage()`: another page in a context of its own (a second terminal's screen), closed when the test
 * ends — a counter page left open would go on taking the scans and events meant for the next test's.
 */
export const test = base.extend<{ newPage: () => Promise<Page> }>({
  newPage: async ({ browser }, use) => {
    const opened: Page[] = [];
    await use(async () => {
      // A context of its own, made explicitly: axe-core's builder refuses pages from browser.newPage().
      const page = await (await browser.newContext()).newPage();
      opened.push(page);
      return page;
    });
    for (const page of opened) await page.context().close();
  },
});
export { expect } from '@playwright/test';
