import { expect, test } from '@playwright/test';
import { rawRpcFromPage } from './rpc-from-page.js';
import type { DemoAppointment } from '../../scripts/demo.js';
import { openKiosk, pageUrl } from './urls.js';

test('a code scanned on the counter’s (simulated) serial scanner shows on the counter page', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  const scanner = page.getByRole('region', { name: /扫码/ });
  await expect(scanner).toContainText('扫码枪就绪');
  const reply = (await rawRpcFromPage(page, {
    id: 2,
    method: 'scanner.simulate',
    input: { text: 'onewindow:prefill:P7Q2K9 不动产', symbology: 'qr' },
  })) as { ok: boolean };
  expect(reply.ok).toBe(true);
  await expect(scanner.getByTestId('last-scan')).toContainText('onewindow:prefill:P7Q2K9 不动产');
  await expect(scanner.getByTestId('last-scan')).toContainText('二维码');
});

test('the counter’s 模拟扫码 control scans what is typed into it through the simulated scanner', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  const control = page.getByRole('form', { name: /模拟扫码/ });
  await control.getByLabel('扫码内容').fill('onewindow:prefill:ZZZZZZ');
  await control.getByRole('button', { name: '扫码' }).click();
  await expect(page.getByRole('region', { name: /扫码/ }).getByTestId('last-scan')).toContainText('onewindow:prefill:ZZZZZZ');
  await expect(control.getByLabel('扫码内容')).toHaveValue('');
});

test('an appointment the demo booked for now checks in at the kiosk, scanned with 模拟扫码', async ({ page }) => {
  const appointments = JSON.parse(process.env.ONEWINDOW_E2E_APPOINTMENTS ?? '[]') as DemoAppointment[];
  const now = appointments.find((appointment) => !appointment.sampleCard);
  expect(now).toBeDefined();
  await openKiosk(page, 'checkIn');
  const control = page.getByRole('form', { name: /模拟扫码/ });
  await control.getByLabel('扫码内容').fill(now!.code);
  await control.getByRole('button', { name: '扫码' }).click();
  await expect(page.getByText('您的号码')).toBeVisible();
  await expect(page.getByText(now!.queueName).first()).toBeVisible();
});

test('模拟扫码 offers the code of a slip the demo just printed', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  await page.getByRole('button', { name: /取号 为群众取综合一窗号/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '已取号' })).toBeVisible();
  const field = page.getByRole('form', { name: /模拟扫码/ }).getByLabel('扫码内容');
  const offered = page.locator(`datalist[id="${await field.getAttribute('list')}"] option[label*="counter-03"]`);
  await expect(async () => {
    await field.blur();
    await field.focus();
    await expect(offered.first()).toBeAttached({ timeout: 500 });
  }).toPass();
  expect(await offered.first().getAttribute('value')).toMatch(/\S/);
});
