import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

test('the customer page cannot call an operator method, even with a hand-made request', async ({ page }) => {
  await page.goto(pageUrl('customer'));
  await expect(page.locator('.customer-view')).not.toHaveAttribute('data-view', 'loading');

  const reply = await rawRpcFromPage(page, {
    id: 1,
    method: 'display.setCustomerView',
    input: { view: { kind: 'paused', windowLabel: '3号窗口' } },
  });
  expect(reply).toMatchObject({ id: 1, ok: false, error: { code: 'FORBIDDEN' } });
  expect((reply as { error: { message: string } }).error.message).toContain('display.setCustomerView');
  await expect(page.locator('[data-view="paused"]')).toHaveCount(0);
});

test('a bad RPC input gets a validation error that names the field', async ({ page }) => {
  await page.goto(pageUrl('kiosk'));
  await expect(page.locator('button[data-screen]').first()).toBeVisible();
  const reply = await rawRpcFromPage(page, { id: 'x1', method: 'queue.takeTicket', input: { queueId: 42 } });
  expect(reply).toMatchObject({ id: 'x1', ok: false, error: { code: 'INVALID_INPUT' } });
  expect((reply as { error: { message: string } }).error.message).toMatch(/queueId/);
});

test('one pause: the window paused at the counter is paused on the applicant’s screen, and resumes on both', async ({ newPage }) => {
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await expect(counter.getByTestId('current-ticket')).toBeVisible();
  await expect(counter.getByRole('button', { name: /暂停/ })).toHaveCount(1);

  await counter.getByRole('button', { name: '暂停', exact: true }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText('窗口已暂停');
  await expect(customer.locator('[data-view="paused"]')).toContainText('暂停服务');
  await expect(counter.getByTestId('customer-view-state')).toContainText('暂停服务');
  await counter.getByRole('button', { name: /^恢复服务/ }).click();
  await expect(counter.getByTestId('current-ticket')).not.toContainText('窗口已暂停');
  await expect(customer.locator('[data-view="welcome"]')).toContainText('3号窗口 综合受理');
});

test("a page opened with another page's token is told so", async ({ page }) => {
  const customerToken = new URL(pageUrl('customer')).searchParams.get('token');
  const counter = new URL(pageUrl('counter'));
  counter.pathname = '/counter';
  counter.searchParams.set('token', customerToken!);
  await page.goto(counter.toString());
  await expect(page.getByRole('alert')).toContainText('此地址不属于本页面');
});
