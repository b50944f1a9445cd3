import { goToStep, logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

test('the counter and the applicant’s screen show a region by its name and no ISO times', async ({ newPage }) => {
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  const intake = counter.getByRole('region', { name: /^受理$/ });
  await counter
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: 'resident', exact: true })
    .click();
  await expect(counter.getByTestId('idcard-card')).toContainText('张*试');
  await intake.getByRole('button', { name: /读取申请人证件/ }).click();
  // The clerk checks identity: the intake shows the applicant in full (the card panel, seen by others, stays masked).
  await expect(intake.getByTestId('intake-applicant')).toContainText('张测试');
  await counter
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: /取走/ })
    .click();
  await intake.getByLabel(/搜索事项/).fill('单位缴存登记');
  await intake.getByRole('button', { name: /住房公积金单位缴存登记/ }).click();

  await goToStep(counter, 4);
  await intake.getByLabel('住所所在区').selectOption({ label: '示例市南山区' });
  await intake.getByRole('button', { name: /请申请人确认/ }).click();
  const review = customer.getByTestId('customer-review');
  await expect(review).toContainText('示例市南山区');
  for (const page of [counter, customer]) {
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('440305');
    expect(text).not.toMatch(ISO_TIME);
  }
  await expect(counter.getByRole('region', { name: /打印/ })).toContainText('打印机：');
  await expect(counter.getByRole('region', { name: /打印/ })).not.toContainText('main');
  await rawRpcFromPage(counter, { id: 'reset', method: 'intake.reset', input: {} });
  await expect(customer.locator('[data-view="welcome"]')).toBeVisible();
});
