import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { receiptNumberOf } from '../../src/shared/case-reference.js';
import { pageOverflow, seriousViolations, smallTargets } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { openUnitRegistrationForm, pageUrl } from './urls.js';

/** The kiosk's screen, portrait. */
const KIOSK = { width: 1080, height: 1920 };

const keyboard = (page: Page) => page.getByRole('group', { name: /屏幕键盘/ });

/** Each screen a citizen can reach, got to from home as a citizen would, ending where it is to be checked. */
const SCREENS: Record<string, (page: Page) => Promise<void>> = {
  home: async (page) => {
    await expect(page.locator('button[data-screen="take"]')).toBeVisible();
  },
  help: async (page) => {
    await page.getByRole('button', { name: /需要帮助/ }).click();
    await expect(page.getByRole('dialog')).toContainText('服务咨询台');
  },
  take: async (page) => {
    await page.locator('button[data-screen="take"]').click();
    await expect(page.locator('button[data-queue="comprehensive"]')).toBeVisible();
  },
  'take-card-read': async (page) => {
    await page.locator('button[data-screen="take"]').click();
    await placeCard(page);
  },
  ticket: async (page) => {
    await page.locator('button[data-screen="take"]').click();
    await page.locator('button[data-queue="consulting"]').click();
    await expect(page.getByTestId('ticket-number')).toBeVisible();
    await expect(page.locator('[data-print-state="done"]')).toBeVisible();
  },
  'check-in': async (page) => {
    await page.locator('button[data-screen="checkIn"]').click();
    await expect(keyboard(page)).toBeVisible();
  },
  guide: async (page) => {
    await page.locator('button[data-screen="guide"]').click();
    await expect(keyboard(page)).toBeVisible();
  },
  'guide-shown': async (page) => {
    await page.locator('button[data-screen="guide"]').click();
    await page.getByRole('tab', { name: /一件事/ }).click();
    await page.getByTestId('catalog-hits').getByRole('button').first().click();
    await expect(page.getByRole('heading', { level: 2, name: /办事指南/ })).toBeVisible();
  },
  fill: async (page) => {
    await page.locator('button[data-screen="fill"]').click();
    await expect(keyboard(page)).toBeVisible();
  },
  'fill-question': async (page) => {
    await page.locator('button[data-screen="fill"]').click();
    await page.getByRole('tab', { name: /一件事/ }).click();
    await page.getByTestId('catalog-hits').getByRole('button').first().click();
    await expect(page.locator('fieldset.question')).toBeVisible();
  },
  'fill-card': async (page) => {
    await openUnitRegistrationForm(page);
    await expect(page.getByRole('button', { name: /不刷卡/ })).toBeVisible();
  },
  'fill-keyboard': async (page) => {
    await openUnitRegistrationForm(page);
    await page.getByRole('button', { name: /不刷卡/ }).click();
    await expect(keyboard(page)).toBeVisible();
  },
  'fill-number-pad': async (page) => {
    await openUnitRegistrationForm(page);
    await page.getByRole('button', { name: /不刷卡/ }).click();
    await page.locator('.keyboard-field-input').fill('示例科技有限公司');
    await page.getByRole('button', { name: '下一题', exact: true }).click();
    await page.getByRole('button', { name: '下一题', exact: true }).click();
    await expect(page.getByText('注册资本（万元）')).toBeVisible();
  },
  progress: async (page) => {
    await page.locator('button[data-screen="progress"]').click();
    await expect(keyboard(page)).toBeVisible();
  },
  'progress-check-code': async (page) => {
    await page.locator('button[data-screen="progress"]').click();
    await page.locator('.keyboard-field-input').fill(receiptNumberOf(randomUUID()));
    await page.getByRole('button', { name: '下一步', exact: true }).click();
    await expect(page.getByLabel(/查询码/)).toBeVisible();
  },
  // A card read on an earlier page is not this citizen's: with none read since the page started, a refusal.
  'progress-no-card': async (page) => {
    await page.locator('button[data-screen="progress"]').click();
    await page.getByRole('button', { name: /用刚读取的身份证查询/ }).click();
    await expect(page.getByRole('alert')).toContainText('请先将身份证');
  },
  // As many cases as the specs before it registered for 张测试: a long list scrolls inside itself.
  'progress-by-card': async (page) => {
    await page.locator('button[data-screen="progress"]').click();
    await placeCard(page);
    await page.getByRole('button', { name: /用刚读取的身份证查询/ }).click();
    await expect(page.getByTestId('progress-results')).toBeVisible();
  },
};

/** Lays the sample card of 张测试 on the kiosk's simulated reader, on a screen that shows the reader, and waits for it to be read. */
async function placeCard(page: Page) {
  await page
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: 'resident', exact: true })
    .click();
  await expect(page.getByTestId('idcard-card')).toContainText('张*试');
}

/** Takes the card off the kiosk's simulated reader, on a screen that shows the reader. */
const removeCard = (page: Page) =>
  page
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: /取走/ })
    .click();

/** How far the kiosk's screen (between its header and its bar) scrolls inside itself, in px. */
const screenOverflow = (page: Page) =>
  page.locator('.kiosk-screen').evaluate((element) => Math.max(0, element.scrollHeight - element.clientHeight));

test.use({ viewport: KIOSK });

/** The screen as it is now, in `mode`: axe, targets of at least `target` px, nothing scrolled to; and its picture. */
async function checkScreen(page: Page, name: string, target: number) {
  await saveScreen(page, `kiosk-${name}`);
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await smallTargets(page, target), name).toEqual([]);
  expect(await pageOverflow(page), name).toEqual({ x: 0, y: 0 });
  // Nor does the screen between the header and the bar: what a citizen needs is on the glass, not scrolled to.
  expect(await screenOverflow(page), name).toBe(0);
}

for (const [screen, reach] of Object.entries(SCREENS)) {
  test(`the kiosk's ${screen} screen, standard and in 长辈模式 switched to there: axe finds nothing serious, every target is at least 60 px (80 px), the page does not scroll`, async ({
    page,
  }) => {
    // A walk to the screen, a slip printed and axe twice over a full page: more than the default on a busy machine.
    test.setTimeout(90_000);
    await page.goto(pageUrl('kiosk'));
    await expect(page.locator('[data-hall="online"]')).toBeVisible();
    await reach(page);
    await checkScreen(page, `${screen}-standard`, 60);
    // A citizen switches to 长辈模式 where they are: the same screen, larger; the help dialog is closed to reach the bar.
    if (screen === 'help') await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /长辈模式/ }).click();
    await expect(page.locator('.elderly').first()).toBeVisible();
    if (screen === 'help') await reach(page);
    await checkScreen(page, `${screen}-elderly`, 80);
    if (screen === 'take-card-read') await removeCard(page);
    if (screen === 'progress-by-card') {
      await page.getByRole('button', { name: /重新查询/ }).click();
      await removeCard(page);
    }
  });
}

for (const elderly of [false, true]) {
  const mode = elderly ? 'elderly' : 'standard';
  test(`in English (${mode} mode) the kiosk's titles and buttons fit on their line, never broken inside a word`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(pageUrl('kiosk'));
    if (elderly) await page.getByRole('button', { name: /长辈模式/ }).click();
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('button[data-screen="take"]')).toContainText('Take a number');
    for (const screen of ['home', 'take', 'checkIn', 'fill'] as const) {
      if (screen !== 'home') {
        const home = page.getByRole('button', { name: 'Home', exact: true });
        if (await home.isVisible()) await home.click();
        await page.locator(`button[data-screen="${screen}"]`).click();
        await expect(page.locator(screen === 'take' ? 'button[data-queue]' : '.osk').first()).toBeVisible();
      }
      await saveScreen(page, `kiosk-english-${screen}-${mode}`);
      const cut = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('h1, h2, .home-tile-title, .kiosk-bar button, .tabs button, .osk-key'))
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map((element) => element.textContent),
      );
      expect(cut, screen).toEqual([]);
      expect(await smallTargets(page, elderly ? 80 : 60)).toEqual([]);
      expect(await pageOverflow(page)).toEqual({ x: 0, y: 0 });
    }
  });
}
