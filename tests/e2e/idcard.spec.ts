import { expect, test } from '@playwright/test';
import { openKiosk, pageUrl } from './urls.js';

test('the counter shows a card placed on its simulated reader, masked, and flags an expired one', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  const panel = page.getByRole('region', { name: /身份证/ });
  await expect(panel).toContainText('读卡器就绪');
  await panel.getByRole('button', { name: 'resident', exact: true }).click();
  const card = page.getByTestId('idcard-card');
  await expect(card).toContainText('张*试');
  await expect(card).toContainText('430602********1231');
  await expect(page.locator('body')).not.toContainText('430602199003071231');

  await panel.getByRole('button', { name: 'hkmotw' }).click();
  await expect(card).toContainText('港澳台居民居住证');
  await expect(panel.getByRole('alert')).toContainText('过期');
});

test('the kiosk shows the card masked too, on its own reader', async ({ page }) => {
  await openKiosk(page, 'take');
  const panel = page.getByRole('region', { name: /身份证/ });
  await panel.getByRole('button', { name: 'foreigner-2023' }).click();
  await expect(page.getByTestId('idcard-card')).toContainText('外国人永久居留身份证（2023版）');
  await expect(page.getByTestId('idcard-card')).toContainText('931840********0015');
});

test('real estate numbers need the card: the kiosk takes one with it, and the hall refuses a second open one for the same card', async ({
  page,
}) => {
  await openKiosk(page, 'take');
  const realEstate = page.locator('button[data-queue="real-estate"]');
  await realEstate.click();
  await expect(page.getByRole('alert')).toContainText('须刷身份证取号');
  await page.getByRole('button', { name: /知道了/ }).click();

  const panel = page.getByRole('region', { name: /身份证/ });
  await panel.getByRole('button', { name: 'resident-tujia-longterm' }).click();
  await expect(page.getByTestId('idcard-card')).toContainText('李*例');
  await realEstate.click();
  await expect(page.getByTestId('ticket-number')).toHaveText(/^B\d{3}$/);
  await page.getByRole('button', { name: /完成/ }).click();
  await page.locator('button[data-screen="take"]').click();

  await panel.getByRole('button', { name: /取走/ }).click();
  // A hand takes the card away and puts it back: the reader sees it gone for a poll or two.
  await page.waitForTimeout(1000);
  await panel.getByRole('button', { name: 'resident-tujia-longterm' }).click();
  await expect(page.getByTestId('idcard-card')).toContainText('李*例');
  await realEstate.click();
  await expect(page.getByRole('alert')).toContainText('您已有不动产登记的号码尚未办理');
});
