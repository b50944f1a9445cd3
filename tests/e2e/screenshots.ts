import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * A picture of the screen as a person sees it now, once its fonts are in. The specs that walk each screen
 * take them as they go; `npm run screens` points them at docs/screens, where the README shows them.
 */
export async function saveScreen(page: Page, name: string): Promise<void> {
  const dir = process.env.ONEWINDOW_SCREENS ?? 'test-results/screens';
  mkdirSync(dir, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
