import { expect, test } from '@playwright/test';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

test('a code scanned on the counter’s (simulated) serial scanner shows on the counter page', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  const scanner = page.getByRole('region', { name: /扫码/ });
  await expect(scanner).toContainText('扫码枪就绪');
  const reply = (await rawRpcFromPage(page, { id: 2, method: 'scanner.simulate', input: { text: 'onewindow:prefill:P7Q2K9 不动产', symbology: 'qr' } })) as { ok: boolean };
  expect(reply.ok).toBe(true);
  await expect(scanner.getByTestId('last-scan')).toContainText('onewindow:prefill:P7Q2K9 不动产');
  await expect(scanner.getByTestId('last-scan')).toContainText('二维码');
});
