import { goToStep, logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { pageUrl } from './urls.js';

test('the feeder scan shows its progress page by page, and the pages saved once cannot be saved again', async ({ newPage }) => {
  test.setTimeout(60_000);
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await goToStep(counter, 3);
  const capture = counter.getByRole('region', { name: '材料采集 其他材料' });
  await capture.getByRole('tab', { name: /扫描仪/ }).click();
  await capture.getByRole('button', { name: /扫描进纸器/ }).click();
  await expect(capture.getByTestId('scan-progress')).toContainText(/正在扫描第 \d+ 页，\d+%/, { timeout: 20_000 });
  await expect(capture.getByTestId('captured-page').first()).toBeVisible({ timeout: 30_000 });
  await expect(capture.getByTestId('scan-progress')).toHaveCount(0);

  const save = capture.getByRole('button', { name: /保存材料/ });
  await save.dblclick();
  await expect(capture.getByTestId('material-saved')).toContainText('KB PDF');
  await expect(capture.getByRole('button', { name: /已保存/ })).toBeDisabled();
  await capture.getByRole('button', { name: /^删除/ }).first().click();
  await expect(capture.getByRole('button', { name: /保存材料/ })).toBeEnabled();
});
