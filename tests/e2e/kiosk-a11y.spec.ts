import { expect, test } from '@playwright/test';
import { seriousViolations, smallTargets } from './screen-checks.js';
import { openKiosk, pageUrl } from './urls.js';

const SCREENS = ['take', 'checkIn', 'guide', 'fill', 'progress'] as const;

for (const elderly of [false, true]) {
  const mode = elderly ? 'elderly mode' : 'normal mode';

  test(`axe finds no serious violation on the kiosk home in ${mode}`, async ({ page }) => {
    await page.goto(pageUrl('kiosk'));
    await expect(page.locator('button[data-screen]').first()).toBeVisible();
    if (elderly) await page.getByRole('button', { name: /长辈模式/ }).click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  for (const screen of SCREENS) {
    test(`axe finds no serious violation and no target under 60 px on the kiosk's ${screen} screen in ${mode}`, async ({ page }) => {
      await openKiosk(page, screen);
      if (elderly) await page.getByRole('button', { name: /长辈模式/ }).click();
      await expect(page.locator('.shell-main section, .shell-main article').first()).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await smallTargets(page, 60)).toEqual([]);
      // And the screen each leads to: the number, a situation question, a guide.
      if (screen === 'take') {
        await page.locator('button[data-queue="consulting"]').click();
        await expect(page.getByTestId('ticket-number')).toBeVisible();
      } else if (screen === 'fill' || screen === 'guide') {
        await page.getByRole('tab', { name: /一件事/ }).click();
        await page.getByTestId('catalog-hits').getByRole('button').first().click();
        await expect(page.locator('fieldset.question, article.guide h2').first()).toBeVisible();
      } else return;
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
}
