import { expect, type Page } from '@playwright/test';
import { pageUrl } from './urls.js';

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

/** A counter opened and logged in at its window, with a 帮办代办 number taken for a citizen: its number. */
export async function counterWithAssistedNumber(counter: Page): Promise<string> {
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  const issued = counter.getByRole('status').filter({ hasText: '已取号' });
  await expect(issued).toBeVisible();
  return /K\d{3}/.exec((await issued.textContent())!)![0];
}
