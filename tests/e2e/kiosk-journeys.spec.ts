import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { checkCodeOf } from '../../src/shared/case-reference.js';
import { logIn } from './counter-login.js';
import { acceptCaseFromPages, rawRpcFromPage } from './rpc-from-page.js';
import { openKiosk, openUnitRegistrationForm, pageUrl, printedTranscripts } from './urls.js';

/** Presses keys of the touch keyboard, one tap each, as a citizen would. */
async function tap(page: Page, keys: string) {
  const keyboard = page.getByRole('group', { name: /屏幕键盘/ });
  for (const key of keys) await keyboard.getByRole('button', { name: key, exact: true }).click();
}

const cardPanel = (page: Page) => page.getByRole('region', { name: /身份证/ });

async function placeCard(page: Page, sample: string, masked: string) {
  await cardPanel(page).getByRole('button', { name: sample, exact: true }).click();
  await expect(page.getByTestId('idcard-card')).toContainText(masked);
}

async function removeCard(page: Page) {
  await cardPanel(page).getByRole('button', { name: /取走/ }).click();
}

/** Answers every question of one field page with something valid for its label. */
async function answerField(page: Page) {
  const choices = page.locator('fieldset.choices');
  await expect(choices.or(page.locator('.keyboard-field-input')).or(page.getByTestId('prefill-review'))).toBeVisible();
  if (await page.getByTestId('prefill-review').isVisible()) return;
  if (await choices.isVisible()) {
    await expect(choices.getByRole('button').first()).toBeVisible();
    await choices.getByRole('button').first().click();
    return;
  }
  const label = (await page.locator('.keyboard-field-label').textContent()) ?? '';
  const value = /身份证/.test(label)
    ? '11010519491231002X'
    : /电话|手机/.test(label)
      ? '13800138000'
      : /日期|出生/.test(label)
        ? '2026-11-01'
        : /银行卡|账号/.test(label)
          ? '6222021234567890123'
          : /姓名/.test(label)
            ? '王小明'
            : '示例内容';
  await page.locator('.keyboard-field-input').fill(value);
  await page.getByRole('button', { name: /下一题/ }).click();
}

test('a number taken with the ID card: shown, spoken, printed, and the card is gone from the screen after', async ({ page }) => {
  await openKiosk(page, 'take');
  await placeCard(page, 'resident', '张*试');
  await page.locator('button[data-queue="housing-fund"]').click();
  const number = (await page.getByTestId('ticket-number').textContent())!;
  expect(number).toMatch(/^D\d{3}$/);
  await expect(page.getByText('前面还有')).toBeVisible();
  await expect
    .poll(async () => (await printedTranscripts('kiosk-01')).some((text) => text.includes(`[center 4x4 bold] ${number}`)))
    .toBe(true);
  await page.getByRole('button', { name: /完成/ }).click();
  await expect(page.locator('button[data-screen="take"]')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('张*试');
  await page.locator('button[data-screen="take"]').click();
  await removeCard(page);
});

test('the pinyin keyboard offers 政务 for zhengwu, 身份证 for sfz and 不动产 for bdc, and searches with the word chosen', async ({
  page,
}) => {
  await openKiosk(page, 'guide');
  const candidates = page.getByTestId('ime-candidates');
  await tap(page, 'zhengwu');
  await expect(candidates.getByRole('button').first()).toHaveText('政务');
  await page.getByRole('button', { name: '清空' }).click();
  await tap(page, 'sfz');
  await expect(candidates.getByRole('button').first()).toHaveText('身份证');
  await page.getByRole('button', { name: '清空' }).click();
  await tap(page, 'bdc');
  await expect(candidates.getByRole('button').first()).toHaveText('不动产');
  // The catalog is searched by the initials already, before a word is chosen.
  await expect(page.getByTestId('catalog-hits').getByRole('button').first()).toContainText('不动产');
  await candidates.getByRole('button', { name: '不动产', exact: true }).click();
  await expect(page.locator('.keyboard-field-input')).toHaveValue('不动产');
  await expect(page.getByTestId('catalog-hits').getByRole('button').first()).toContainText('不动产');

  await page.getByTestId('catalog-hits').getByRole('button').first().click();
  await expect(page.getByRole('heading', { level: 2, name: /不动产.*办事指南/ })).toBeVisible();
  await page.getByRole('button', { name: /打印指南/ }).click();
  await expect(page.getByText('正在打印，请取走指南')).toBeVisible();
});

test('guided form-filling for one item with the card ends in a pre-fill code that the counter opens', async ({ page, newPage }) => {
  await openKiosk(page, 'fill');
  await tap(page, 'gongjijin');
  await page.getByTestId('ime-candidates').getByRole('button', { name: '公积金', exact: true }).click();
  await page
    .getByTestId('catalog-hits')
    .getByRole('button', { name: /住房公积金提取（租赁住房）/ })
    .click();
  await expect(page.getByText('租赁合同是否已在住房租赁平台备案？')).toBeVisible();
  await page.getByRole('button', { name: '未备案' }).click();
  await expect(page.getByTestId('guided-materials')).toContainText('住房租赁合同');
  await page.getByRole('button', { name: /开始填表/ }).click();

  await placeCard(page, 'resident', '张*试');
  await page.getByRole('button', { name: /用刚读取的身份证填写/ }).click();
  await expect(page.getByText('联系电话')).toBeVisible();
  await tap(page, '1380013800');
  await page.getByRole('button', { name: /下一题/ }).click();
  await expect(page.getByRole('alert')).toContainText('11 位手机号');
  await tap(page, '0');
  await page.getByRole('button', { name: /下一题/ }).click();
  await page.getByRole('button', { name: '租赁住房提取' }).click();
  await page.locator('.keyboard-field-input').fill('6222021234567890123');
  await page.getByRole('button', { name: /下一题/ }).click();

  const review = page.getByTestId('prefill-review');
  await expect(review).toContainText('张*试');
  await expect(review).toContainText('430602********1231');
  await expect(page.locator('body')).not.toContainText('430602199003071231');
  await page.getByRole('button', { name: /生成预填码/ }).click();
  const code = (await page.getByTestId('prefill-code').textContent())!;
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  await expect
    .poll(async () => (await printedTranscripts('kiosk-01')).some((text) => text.includes(`[qr 6 center] onewindow:prefill:${code}`)))
    .toBe(true);

  // At the window the clerk scans the slip's QR: the application opens, masked on the clerk's screen too.
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await rawRpcFromPage(counter, { id: 's1', method: 'scanner.simulate', input: { text: `onewindow:prefill:${code}`, symbology: 'qr' } });
  const opened = counter.getByTestId('prefill-opened');
  await expect(opened).toContainText('住房公积金提取（租赁住房）');
  await expect(opened).toContainText('住房租赁合同');
  await expect(opened).toContainText('张*试');
  await expect(opened).toContainText('6222021234567890123');
  await expect(counter.locator('body')).not.toContainText('430602199003071231');

  await page.getByRole('button', { name: /返回首页/ }).click();
  await page.locator('button[data-screen="take"]').click();
  await removeCard(page);
});

test('guided form-filling for a 一件事 bundle, typed by hand, ends in a pre-fill code that the counter opens', async ({
  page,
  newPage,
}) => {
  await openKiosk(page, 'fill');
  await page.getByRole('tab', { name: /一件事/ }).click();
  await page
    .getByTestId('catalog-hits')
    .getByRole('button', { name: /新生儿出生一件事/ })
    .click();
  const materials = page.getByTestId('guided-materials');
  const question = page.locator('fieldset.question legend');
  for (let asked = 0; asked < 20; asked++) {
    await expect(question.or(materials)).toBeVisible();
    if (await materials.isVisible()) break;
    const text = await question.textContent();
    await page.locator('fieldset.question > button:not(.back)').first().click();
    // allTextContents does not wait: textContent() would wait for a question that the materials replaced, until the test times out.
    await expect(async () => expect((await materials.isVisible()) || (await question.allTextContents())[0] !== text).toBe(true)).toPass();
  }
  await expect(materials).toContainText('出生医学证明');
  await page.getByRole('button', { name: /开始填表/ }).click();
  await page.getByRole('button', { name: /不刷卡，手动填写/ }).click();
  const review = page.getByTestId('prefill-review');
  for (let field = 0; field < 40 && !(await review.isVisible()); field++) await answerField(page);
  await expect(review).toContainText('13800138000');
  await page.getByRole('button', { name: /生成预填码/ }).click();
  const code = (await page.getByTestId('prefill-code').textContent())!;

  // At the window the slip's QR opens the 一件事: one case per item, the applicant from the slip.
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  await rawRpcFromPage(counter, { id: 's2', method: 'scanner.simulate', input: { text: `onewindow:prefill:${code}`, symbology: 'qr' } });
  await expect(counter.getByTestId('prefill-opened')).toContainText('新生儿出生一件事');
  const intake = counter.getByRole('region', { name: /^受理$/ });
  await expect(intake.getByTestId('intake-applicant')).toContainText('预填单');
  const items = intake.getByRole('group', { name: /一件事 新生儿出生一件事/ });
  await items.getByRole('button', { name: '出生登记（户口）' }).click();
  await expect(intake.getByTestId('intake-item')).toHaveText('出生登记（户口）');
  await expect(intake.getByTestId('intake-materials')).toContainText('出生医学证明');
});

test('progress lookup by case number shows the case masked', async ({ page, newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const customer = await newPage();
  await customer.goto(pageUrl('customer'));
  const registered = (await acceptCaseFromPages(counter, customer, '欧阳进度')) as { value: { case: { caseId: string } } };
  let caseNumber: string | null = null;
  await expect
    .poll(async () => {
      const got = (await rawRpcFromPage(counter, { id: 'c2', method: 'cases.get', input: { caseId: registered.value.case.caseId } })) as {
        value: { caseNumber: string | null };
      };
      caseNumber = got.value.caseNumber;
      return caseNumber;
    })
    .not.toBeNull();

  await openKiosk(page, 'progress');
  await page.locator('.keyboard-field-input').fill(caseNumber!);
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  // The 办件编号 counts up: without the receipt's 查询码 a kiosk finds nothing by it.
  const code = checkCodeOf(registered.value.case.caseId);
  await page.getByLabel(/查询码/).fill(String((Number(code) + 1) % 1_000_000).padStart(6, '0'));
  await page.getByRole('button', { name: '查询', exact: true }).click();
  await expect(page.getByTestId('progress-results')).toContainText('没有查到该编号的办件');
  await page.getByRole('button', { name: /重新查询/ }).click();
  await page.getByRole('button', { name: '下一步', exact: true }).click();
  await page.getByLabel(/查询码/).fill(code);
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const results = page.getByTestId('progress-results');
  await expect(results).toContainText(caseNumber!);
  await expect(results).toContainText('欧**度');
  await expect(page.locator('body')).not.toContainText('欧阳进度');
});

test('progress by an ID card with no case says so in the card’s words, not the receipt’s', async ({ page }) => {
  await openKiosk(page, 'progress');
  await placeCard(page, 'foreigner-2023', '931840********0015');
  await page.getByRole('button', { name: /用刚读取的身份证查询/ }).click();
  const results = page.getByTestId('progress-results');
  await expect(results).toContainText('没有查到这张身份证办理的办件');
  await expect(results).not.toContainText('受理编号');
  await page.getByRole('button', { name: /重新查询/ }).click();
  await removeCard(page);
});

test('walking away: a countdown, then home with nothing of the citizen left in the page, its storage or the host', async ({ page }) => {
  await page.clock.install();
  await openKiosk(page, 'progress');
  await placeCard(page, 'resident', '张*试');
  await expect(page.getByTestId('idcard-card')).toContainText('430602********1231');

  await page.clock.fastForward(80_000);
  await expect(page.getByRole('alertdialog')).toContainText('秒后将返回首页');
  await page.clock.fastForward(15_000);
  await expect(page.locator('button[data-screen="take"]')).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/张\*试|430602/);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  const after = (await rawRpcFromPage(page, { id: 'w1', method: 'kiosk.progress', input: { withIdCard: true } })) as {
    ok: boolean;
    error?: { code: string };
  };
  expect(after).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
  await rawRpcFromPage(page, { id: 'w2', method: 'idcard.simulate', input: { sample: null } });
});

test('a citizen who switched to English leaves a kiosk in Chinese for the next one', async ({ page }) => {
  await page.clock.install();
  await page.goto(pageUrl('kiosk'));
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page.locator('button[data-screen="take"]')).toContainText('Take a number');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.clock.fastForward(95_000);
  await expect(page.locator('button[data-screen="take"]')).toContainText('取号');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('body')).not.toContainText('Take a number');
});

test('appointment check-in with a code typed on the touch keyboard says when there is no such appointment', async ({ page }) => {
  await openKiosk(page, 'checkIn');
  await tap(page, 'ABCD2345');
  await expect(page.locator('.keyboard-field-input')).toHaveValue('ABCD2345');
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('未找到该预约');
});

test('after the idle reset, the next citizen’s first tap opens the screen they chose', async ({ page }) => {
  await page.clock.install();
  await openKiosk(page, 'take');
  await expect(page.getByRole('heading', { name: /请选择要办理的业务/ })).toBeVisible();
  await page.clock.fastForward(95_000);
  await expect(page.locator('button[data-screen="guide"]')).toBeVisible();

  await page.locator('button[data-screen="guide"]').click();
  await page.clock.runFor(2000);
  await expect(page.getByRole('heading', { name: /您要办什么事/ })).toBeVisible();
  await expect(page.locator('button[data-screen="guide"]')).toHaveCount(0);
});

test('注册资本 gets a number pad with a decimal point, not the letter keyboard', async ({ page }) => {
  await page.goto(pageUrl('kiosk'));
  await openUnitRegistrationForm(page);
  await page.getByRole('button', { name: /不刷卡，手动填写/ }).click();
  await page.locator('.keyboard-field-input').fill('示例科技有限公司');
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('统一社会信用代码')).toBeVisible();
  await page.getByRole('button', { name: '下一题' }).click();

  await expect(page.getByText('注册资本（万元）')).toBeVisible();
  const keyboard = page.getByRole('group', { name: /屏幕键盘/ });
  await expect(keyboard.getByRole('button', { name: /^q$/i })).toHaveCount(0);
  await tap(page, '12.5');
  await expect(page.locator('.keyboard-field-input')).toHaveValue('12.5');
  await page.getByRole('button', { name: '下一题' }).click();
  await expect(page.getByText('经营范围')).toBeVisible();
});
