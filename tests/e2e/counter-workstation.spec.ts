import type { Browser, Page } from '@playwright/test';
import { logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageOverflow, seriousViolations } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { sign } from './signature.js';
import { pageUrl } from './urls.js';

const SCREEN = { width: 1920, height: 1080 };

async function open(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: SCREEN })).newPage();
  await page.goto(url);
  return page;
}

/** The page fits 1920×1080 as it is now; axe finds nothing serious; a screenshot to look at. */
async function fits(page: Page, name: string) {
  expect(await pageOverflow(page), name).toEqual({ x: 0, y: 0 });
  expect(await seriousViolations(page), name).toEqual([]);
  await saveScreen(page, `counter-${name}`);
}

/** Tab (as a clerk would) until `target` has the focus. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

const stepButton = (counter: Page, name: RegExp) => counter.getByRole('navigation', { name: '受理步骤' }).getByRole('button', { name });

test('the counter fits one 1920×1080 screen logged in, with a number called and at every step; a clerk takes a case from call to receipt with the keyboard alone', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const counter = await open(browser, pageUrl('counter'));
  const customer = await open(browser, pageUrl('customer'));
  try {
    await logIn(counter);
    await fits(counter, '1-logged-in');
    await counter.getByRole('button', { name: '取号 为群众取综合一窗号' }).click();
    await expect(counter.getByRole('status').filter({ hasText: '已取号' })).toBeVisible();

    // From here on, the clerk's hands stay on the keyboard: function keys, typing, Tab and Enter.
    await counter.locator('body').focus();
    await counter.keyboard.press('F1');
    await expect(counter.getByTestId('current-ticket')).toContainText(/当前 [A-Z]\d{3}/);
    await fits(counter, '2-called');

    // The applicant lays their card on the reader (the device, not the clerk's screen).
    await rawRpcFromPage(counter, { id: 'card', method: 'idcard.simulate', input: { sample: 'resident' } });
    await expect(counter.getByTestId('idcard-card')).toContainText('张*试');
    await counter.keyboard.press('F6');
    const intake = counter.getByRole('region', { name: /^受理/ });
    await expect(intake.getByTestId('intake-applicant')).toContainText('张测试 430602199003071231');
    await rawRpcFromPage(counter, { id: 'nocard', method: 'idcard.simulate', input: { sample: null } });
    await stepButton(counter, /^1\. 申请人/).focus();
    await counter.keyboard.press('Enter');
    await expect(intake.getByTestId('intake-applicant-card')).toContainText('湖南');
    await fits(counter, '3-applicant');

    await stepButton(counter, /^2\. 事项与情形/).focus();
    await counter.keyboard.press('Enter');
    await expect(intake.getByLabel('搜索事项')).toBeFocused();
    await counter.keyboard.type('租房提取');
    const hit = intake.getByRole('button', { name: /住房公积金提取（租赁住房）/ });
    await expect(hit).toBeVisible();
    await counter.keyboard.press('Tab');
    await expect(hit).toBeFocused();
    await counter.keyboard.press('Enter');
    const option = intake.getByRole('button', { name: '未备案' });
    await tabTo(counter, option);
    await fits(counter, '4-item');
    await counter.keyboard.press('Enter');

    await expect(intake.getByTestId('intake-materials')).toContainText('住房租赁合同');
    await expect(intake.getByRole('checkbox').first()).toBeFocused();
    await fits(counter, '5-materials');
    for (const box of await intake.getByTestId('intake-materials').getByRole('checkbox').all()) {
      await box.focus();
      await counter.keyboard.press('Space');
      await expect(box).toBeChecked();
    }

    await stepButton(counter, /^4\. 表单/).focus();
    await counter.keyboard.press('Enter');
    await tabTo(counter, intake.getByLabel('联系电话'));
    await counter.keyboard.type('13800138000');
    const kind = intake.getByLabel('业务类型');
    await tabTo(counter, kind);
    for (let presses = 0; presses < 8 && (await kind.inputValue()) !== '租赁住房提取'; presses++) await counter.keyboard.press('ArrowDown');
    await expect(kind).toHaveValue('租赁住房提取');
    await tabTo(counter, intake.getByLabel('银行卡号'));
    await counter.keyboard.type('6222021234567890123');
    await fits(counter, '6-form');

    await counter.keyboard.press('F7');
    await expect(intake.getByRole('group', { name: '申请人确认' })).toBeVisible();
    await expect(customer.getByTestId('customer-review')).toContainText('住房公积金提取（租赁住房）');
    await fits(counter, '7-confirm');
    // The applicant signs on their own screen.
    await sign(customer);
    await customer.getByRole('button', { name: /确认无误并签名/ }).click();
    await expect(intake.getByTestId('intake-confirmed')).toContainText('申请人已确认签名');
    await expect(intake.getByRole('group', { name: '受理/不予受理' })).toBeVisible();
    // The signature enables 受理 a render later; axe read mid-change sees a half-dimmed button.
    await expect(intake.locator('button[aria-keyshortcuts="F8"]')).toBeEnabled();
    await fits(counter, '8-decision');

    await counter.keyboard.press('F8');
    const done = counter.getByTestId('intake-done');
    await expect(done).toContainText('已受理');
    await expect(done).toContainText(/受理编号 [0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{3}/);
    await fits(counter, '9-receipt');
    await counter.keyboard.press('F3');
    await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
    await done.getByRole('button', { name: '下一位' }).focus();
    await counter.keyboard.press('Enter');
    await expect(intake.getByTestId('intake-applicant')).toContainText('请申请人将身份证放在读卡区');
  } finally {
    await rawRpcFromPage(counter, { id: 'reset', method: 'intake.reset', input: {} }).catch(() => undefined);
    await counter.context().close();
    await customer.context().close();
  }
});

test('a paused window keeps the number in hand on screen, calls no new one, and the customer screen shows the pause', async ({
  browser,
}) => {
  const counter = await open(browser, pageUrl('counter'));
  try {
    await logIn(counter);
    await counter.getByRole('button', { name: '取号 为群众取帮办代办号' }).click();
    await counter.getByRole('button', { name: /^叫号/ }).click();
    const current = counter.getByTestId('current-ticket');
    await expect(current).toContainText(/当前 [A-Z]\d{3}/);
    const number = /[A-Z]\d{3}/.exec((await current.textContent()) ?? '')![0];
    await counter.getByRole('button', { name: /^暂停/ }).click();
    await expect(current).toContainText(`窗口已暂停 · 正在办理 ${number}`);
    await expect(counter.getByRole('button', { name: /^叫号/ })).toBeDisabled();
    await expect(counter.getByTestId('customer-view-state')).toHaveAttribute('data-view', 'paused');
    await counter.getByRole('button', { name: /^办结/ }).click();
    await expect(current).toContainText('窗口已暂停');
    await counter.getByRole('button', { name: /^恢复服务/ }).click();
    await expect(current).toContainText('当前无办理号码');
  } finally {
    await counter.context().close();
  }
});
