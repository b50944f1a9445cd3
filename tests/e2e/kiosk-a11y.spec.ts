import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openKiosk, pageUrl } from './urls.js';

const SCREENS = ['take', 'checkIn', 'guide', 'fill', 'progress'] as const;

/** Serious and critical findings only, each with where it is, so a failure says what to fix. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** Every visible button a citizen may touch, smaller than 60 × 60 px. */
async function smallTargets(page: Page) {
  const small: string[] = [];
  for (const button of await page.locator('.shell-main button:visible').all()) {
    const box = await button.boundingBox();
    if (box && (box.height < 59.5 || box.width < 59.5))
      small.push(`${(await button.textContent())?.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return small;
}

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
      expect(await smallTargets(page)).toEqual([]);
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
