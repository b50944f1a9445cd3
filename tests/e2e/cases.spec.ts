import { expect, test } from './fixtures.js';
import { logIn } from './counter-login.js';
import { acceptCaseFromPages } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

test('a case taken in at the counter is saved at once, reaches the platform and gets its 办件编号, masked on screen', async ({
  page,
  newPage,
}) => {
  await page.goto(pageUrl('counter'));
  await logIn(page);
  const cases = page.getByRole('region', { name: /办件与同步/ });
  await expect(cases.getByTestId('sync-state')).toContainText('平台在线');

  const customer = await newPage();
  await customer.goto(pageUrl('customer'));
  const reply = (await acceptCaseFromPages(page, customer, '张三丰')) as { ok: boolean; value: { case: { caseId: string } } };
  expect(reply.ok).toBe(true);

  const row = cases.getByTestId('case-row').first();
  await expect(row).toHaveAttribute('data-sync', 'synced');
  await expect(row).toContainText(/11440300007542037X4440117009000\d{14}/);
  await expect(row).toContainText('张*丰');
  await expect(page.locator('body')).not.toContainText('11010519491231002X');
  await expect(cases.getByTestId('sync-state')).toContainText('待同步 0');
});
