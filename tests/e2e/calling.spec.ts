import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { logIn } from './counter-login.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

test('the counter calls the next number, the board shows and announces it, and the counter finishes it', async ({ newPage }) => {
  const counter = await newPage();
  const board = await newPage();
  await counter.goto(pageUrl('counter'));
  await board.goto(pageUrl('board'));
  await logIn(counter);

  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  const issued = (await counter.getByRole('status').filter({ hasText: '已取号' }).textContent())!;
  const number = /K\d{3}/.exec(issued)![0];

  await counter.getByRole('button', { name: /^叫号/ }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText(number);
  await expect(board.getByTestId('board-call')).toContainText(number);
  await expect(board.getByTestId('board-call')).toContainText('3号窗口');
  await expect(board.locator('[data-window="3"]')).toContainText(number);

  await counter.getByRole('button', { name: /^办结/ }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
  await expect(board.locator('[data-window="3"]')).toContainText('—');
  // The last call stays in the headline after it is served.
  await expect(board.getByTestId('board-call')).toContainText(number);
});

test('a window with nobody waiting says so, and a paused window refuses to call', async ({ page }) => {
  await page.goto(pageUrl('counter'));
  await page.getByRole('button', { name: /^暂停/ }).click();
  await expect(page.getByTestId('current-ticket')).toContainText('窗口已暂停');
  // The screen offers no call while paused, and the hall refuses one asked for all the same.
  await expect(page.getByRole('button', { name: /^叫号/ })).toBeDisabled();
  const refused = (await rawRpcFromPage(page, { id: 'call', method: 'counter.callNext', input: {} })) as {
    ok: boolean;
    error?: { message: string };
  };
  expect(refused.ok).toBe(false);
  expect(refused.error?.message).toContain('已暂停');
  await page.getByRole('button', { name: /^恢复服务/ }).click();
  await expect(page.getByTestId('current-ticket')).not.toContainText('窗口已暂停');
});

test('after the counter finishes, the applicant may rate the service on the customer screen, and a 差评 is promised an answer', async ({
  newPage,
}) => {
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  await expect(customer.locator('[data-view="welcome"]')).toContainText('为您服务的是 王晓');
  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  await counter.getByRole('button', { name: /^叫号/ }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText('K');
  await counter.getByRole('button', { name: /^办结/ }).click();

  await expect(customer.locator('[data-view="rating"]')).toContainText('请您对本次服务进行评价');
  await customer.getByRole('button', { name: /^不满意/ }).click();
  await customer.getByRole('button', { name: '等候时间长' }).click();
  await customer.getByRole('button', { name: /提交评价/ }).click();
  await expect(customer.locator('[data-view="thanks"]')).toContainText('我们会尽快核实并回复您');
  await expect(customer.locator('[data-view="welcome"]')).toBeVisible({ timeout: 10_000 });
});

test('keyboard first: F1 calls the next number, F3 finishes it, and a key does nothing its button could not', async ({ newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await expect(counter.getByRole('button', { name: /^叫号/ })).toContainText('F1');
  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  await counter.keyboard.press('F3');
  await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
  await counter.keyboard.press('F1');
  await expect(counter.getByTestId('current-ticket')).toContainText('K');
  await counter.keyboard.press('F3');
  await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
});

test('a clerk logs in with their own ID card and PIN', async ({ newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await counter.getByRole('button', { name: /^退出/ }).click();
  const reader = counter.getByRole('region', { name: /身份证/ });
  await reader.getByRole('button', { name: 'resident-tujia-longterm' }).click();
  await expect(counter.getByTestId('idcard-card')).toContainText('李*例');
  const login = counter.getByRole('form', { name: /工作人员登录/ });
  await login.getByLabel(/密码/).fill('1357');
  await login.getByRole('button', { name: /刷本人身份证登录/ }).click();
  await expect(counter.getByText('工作人员 李敏（c002）')).toBeVisible();
  await counter.getByRole('button', { name: /^退出/ }).click();
  await reader.getByRole('button', { name: /取走/ }).click();
});

/** Calls and finishes whoever comes first (earlier tests leave numbers waiting) until `number` is called. */
async function callUntil(counter: Page, number: string) {
  for (let calls = 0; calls < 20; calls++) {
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(counter.getByTestId('current-ticket')).not.toContainText('当前无办理号码');
    if ((await counter.getByTestId('current-ticket').textContent())?.includes(number)) return;
    await counter.getByRole('button', { name: /^办结/ }).click();
  }
  throw new Error(`${number} was not called`);
}

test('a citizen back within the hall’s time after 过号 is put in line again with the number on their slip, as the slip promises', async ({
  newPage,
}) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  const issued = (await counter.getByRole('status').filter({ hasText: '已取号' }).textContent())!;
  const number = /K\d{3}/.exec(issued)![0];
  await callUntil(counter, number);
  await counter.getByRole('button', { name: /^过号/ }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');

  const back = counter.getByRole('form', { name: /过号恢复排队/ });
  await back.getByRole('textbox').fill('K999');
  await back.getByRole('button', { name: /恢复排队/ }).click();
  await expect(counter.getByRole('alert')).toContainText('今天没有 K999');
  await back.getByRole('textbox').fill(number.toLowerCase());
  await back.getByRole('button', { name: /恢复排队/ }).click();
  await expect(counter.getByRole('status').filter({ hasText: `${number} 已恢复排队` })).toBeVisible();
  await expect(back.getByRole('textbox')).toHaveValue('');
  await callUntil(counter, number);
  await counter.getByRole('button', { name: /^办结/ }).click();
});
