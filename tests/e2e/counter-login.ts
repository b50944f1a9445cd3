import { expect, type Page } from '@playwright/test';

/** The demo hall's clerk 王晓 logs in at the counter, unless someone already is. */
export async function logIn(counter: Page) {
  const login = counter.getByRole('form', { name: /工作人员登录/ });
  await expect(counter.getByRole('region', { name: /叫号/ })).toBeVisible();
  if (await login.isVisible()) {
    await login.getByLabel(/工号/).fill('c001');
    await login.getByLabel(/密码/).fill('2468');
    await login.getByRole('button', { name: '登录', exact: true }).click();
  }
  await expect(counter.getByText('工作人员 王晓')).toBeVisible();
}

/** The intake's step `n` (1 申请人 … 7 出件), opened from the steps bar. */
export async function goToStep(counter: Page, n: number) {
  await counter
    .getByRole('navigation', { name: '受理步骤' })
    .getByRole('button', { name: new RegExp(`^${n}\\. `) })
    .click();
}
