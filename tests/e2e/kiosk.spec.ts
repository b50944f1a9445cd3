import { expect, test } from '@playwright/test';
import { openKiosk, pageUrl, printedTranscripts } from './urls.js';

test('the kiosk takes two numbers of the comprehensive window, one after the other, the second with one more ahead', async ({ page }) => {
  await openKiosk(page, 'take');
  await expect(page.getByRole('status')).toContainText('在线');

  const comprehensive = page.locator('button[data-queue="comprehensive"]');
  const waiting = Number(/等候 (\d+) 人/.exec((await comprehensive.textContent())!)![1]);
  await comprehensive.click();
  const first = (await page.getByTestId('ticket-number').textContent())!;
  expect(first).toMatch(/^A\d{3}$/);
  await expect(page.getByText('前面还有')).toContainText(String(waiting));
  await page.getByRole('button', { name: /完成/ }).click();

  await page.locator('button[data-screen="take"]').click();
  await expect(comprehensive).toContainText(`等候 ${waiting + 1} 人`);
  await comprehensive.click();
  await expect(page.getByTestId('ticket-number')).toHaveText(`A${String(Number(first.slice(1)) + 1).padStart(3, '0')}`);
  await expect(page.getByText('前面还有')).toContainText(String(waiting + 1));
});

test('elderly mode makes the touch targets and the type larger', async ({ page }) => {
  await page.goto(pageUrl('kiosk'));
  const tile = page.locator('button[data-screen="take"]');
  await expect(tile).toBeVisible();
  // The tiles share out the screen whatever the mode: the bar's buttons are the targets sized by it.
  const button = page.getByRole('button', { name: /需要帮助/ });
  const normal = (await button.boundingBox())!;
  expect(normal.height).toBeGreaterThanOrEqual(60);
  const fontSize = () => tile.locator('.home-tile-title').evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  const normalFont = await fontSize();
  await page.getByRole('button', { name: /长辈模式/ }).click();
  await expect(page.getByRole('button', { name: /标准模式/ })).toHaveAttribute('aria-pressed', 'true');
  expect((await button.boundingBox())!.height).toBeGreaterThan(normal.height);
  expect(await fontSize()).toBeGreaterThan(normalFont);
  await tile.click();
  expect((await page.locator('button[data-queue="tax"]').boundingBox())!.height).toBeGreaterThanOrEqual(80);
});

test('the kiosk prints the ticket on its printer and shows the slip', async ({ page }) => {
  await openKiosk(page, 'take');
  await page.locator('button[data-queue="housing-fund"]').click();
  const number = (await page.getByTestId('ticket-number').textContent())!;
  expect(number).toMatch(/^D\d{3}$/);
  await expect(page.locator('[data-print-state="done"]')).toContainText('请取走号票');
  await expect(page.getByRole('img', { name: `号票 ${number}` })).toBeVisible();
  // The virtual printer writes its transcript just after it has taken the bytes the terminal counts as printed.
  await expect
    .poll(async () => (await printedTranscripts('kiosk-01')).some((text) => text.includes(`[center 4x4 bold] ${number}`)))
    .toBe(true);
});

test('a clerk issues a number for a citizen at the counter, and it prints on the counter printer with a reprint', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  const printedBefore = (await printedTranscripts('counter-03')).length;
  await page.getByRole('button', { name: '为群众取帮办代办号' }).click();
  const issued = (await page.getByRole('status').filter({ hasText: '已取号' }).textContent())!;
  const number = /K\d{3}/.exec(issued)![0];
  const jobs = page.getByRole('region', { name: /打印/ }).locator('li');
  await expect(jobs.first()).toContainText(number);
  await expect(jobs.first()).toHaveAttribute('data-job-state', 'done');
  await jobs.first().getByRole('button', { name: /重打/ }).click();
  await expect(jobs.nth(1)).toContainText(number);
  await expect(async () => expect((await printedTranscripts('counter-03')).length).toBe(printedBefore + 2)).toPass();
});

test('in elderly mode on the portrait kiosk (1080×1920) the card panel of 取号 is on the screen, with a card read', async ({ page }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(pageUrl('kiosk'));
  await page.getByRole('button', { name: /长辈模式/ }).click();
  await page.locator('button[data-screen="take"]').click();
  const panel = page.getByRole('region', { name: /身份证/ });
  await panel.getByRole('button', { name: 'resident', exact: true }).click();
  await expect(page.getByTestId('idcard-card')).toContainText('张*试');
  await expect(panel).toBeInViewport({ ratio: 1 });
  await expect(page.locator('button[data-queue="comprehensive"]')).toBeInViewport();
  await panel.getByRole('button', { name: /取走/ }).click();
});
