import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { caseQrText, checkCodeOf } from '../../src/shared/case-reference.js';
import { goToStep, logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { sign } from './signature.js';
import { acceptCaseFromPages, rawRpcFromPage } from './rpc-from-page.js';
import { completeOnPlatform, openKiosk, pageUrl, printedTranscripts } from './urls.js';

const intakePanel = (counter: Page) => counter.getByRole('region', { name: /^受理$/ });

/** The clerk reads the applicant's card and picks 住房公积金提取（租赁住房）, 未备案. */
async function startIntake(counter: Page) {
  const intake = intakePanel(counter);
  await counter
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: 'resident', exact: true })
    .click();
  await expect(counter.getByTestId('idcard-card')).toContainText('张*试');
  await intake.getByRole('button', { name: /读取申请人证件/ }).click();
  await expect(intake.getByTestId('intake-applicant')).toContainText('张测试 430602199003071231');
  await counter
    .getByRole('region', { name: /身份证/ })
    .getByRole('button', { name: /取走/ })
    .click();
  await intake.getByLabel(/搜索事项/).fill('租房提取');
  await intake.getByRole('button', { name: /住房公积金提取（租赁住房）/ }).click();
  await intake.getByRole('button', { name: '未备案' }).click();
  await expect(intake.getByTestId('intake-materials')).toContainText('住房租赁合同');
  return intake;
}

test('a full intake: call, card, item, materials scanned, applicant confirms and signs, 受理 with a receipt, the case reaches the platform, the applicant rates', async ({
  newPage,
}) => {
  // A whole visit at the window, with a scan from the feeder and the sync: longer than one screen's test.
  test.setTimeout(90_000);
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  await counter.getByRole('button', { name: '为群众取综合一窗号' }).click();
  await counter.getByRole('button', { name: /^叫号/ }).click();
  await expect(counter.getByTestId('current-ticket')).toContainText('A');

  const intake = await startIntake(counter);
  for (const row of await intake.getByTestId('intake-materials').locator('tbody tr').all()) await row.getByRole('checkbox').check();
  // The lease is scanned from the feeder into the case.
  await intake.locator('tr[data-material="住房租赁合同"]').getByRole('button', { name: /采集/ }).click();
  const capture = counter.getByRole('region', { name: '材料采集 住房租赁合同' });
  await capture.getByRole('tab', { name: /扫描仪/ }).click();
  await capture.getByRole('button', { name: /扫描进纸器/ }).click();
  await expect(capture.getByTestId('captured-page').first()).toBeVisible({ timeout: 20_000 });
  await capture.getByRole('button', { name: /保存材料/ }).click();
  await expect(capture.getByTestId('material-saved')).toContainText('KB PDF');
  await expect(intake.locator('tr[data-material="住房租赁合同"]')).toContainText('采集（1）');

  await goToStep(counter, 1);
  await intake.getByLabel(/手机号码/).fill('13800138000');
  await goToStep(counter, 4);
  await intake.getByLabel('联系电话').fill('13800138000');
  await intake.getByLabel('业务类型').selectOption('租赁住房提取');
  await intake.getByLabel('银行卡号').fill('6222021234567890123');
  await expect(intake.getByRole('button', { name: /受理并打印回执/ })).toBeDisabled();
  await intake.getByRole('button', { name: /请申请人确认/ }).click();

  const review = customer.getByTestId('customer-review');
  await expect(review).toContainText('住房公积金提取（租赁住房）');
  await expect(review).toContainText('张*试');
  await expect(review).toContainText('住房租赁合同');
  await expect(customer.locator('body')).not.toContainText('430602199003071231');
  await sign(customer);
  await customer.getByRole('button', { name: /确认无误并签名/ }).click();
  await expect(review).toContainText('已确认');
  await expect(intake.getByTestId('intake-confirmed')).toContainText('申请人已确认签名');

  const printedBefore = (await printedTranscripts('counter-03')).length;
  await intake.getByRole('button', { name: /受理并打印回执/ }).click();
  await expect(counter.getByTestId('intake-done')).toContainText('已受理');
  // The receipt's number, on screen and on paper with its QR: the one the applicant uses at the kiosk and at 出件.
  const shown = /受理编号 ([0-9A-Z]{4} [0-9A-Z]{4} [0-9A-Z]{3})/.exec((await counter.getByTestId('intake-done').textContent()) ?? '')?.[1];
  expect(shown).toBeDefined();
  await expect
    .poll(async () =>
      (await printedTranscripts('counter-03'))
        .slice(printedBefore)
        .some(
          (text) =>
            text.includes('受理回执') &&
            text.includes('张*试') &&
            text.includes(shown!) &&
            text.includes(`[qr 5 center] onewindow:case:${shown!.replaceAll(' ', '')}`),
        ),
    )
    .toBe(true);
  // The applicant's screen says 已受理, with the number on their receipt.
  await expect(customer.locator('[data-view="accepted"]')).toContainText('已受理');
  await expect(customer.getByTestId('customer-receipt-number')).toHaveText(shown!);

  const row = counter
    .getByRole('region', { name: /办件与同步/ })
    .getByTestId('case-row')
    .first();
  await expect(row).toContainText('住房公积金提取（租赁住房）');
  await expect(row).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await counter.getByRole('button', { name: /^办结/ }).click();
  await expect(customer.locator('[data-view="rating"]')).toBeVisible();
  await customer.getByRole('button', { name: /^非常满意/ }).click();
  await expect(customer.locator('[data-view="thanks"]')).toBeVisible();
  await counter
    .getByTestId('intake-done')
    .getByRole('button', { name: /下一位/ })
    .click();
});

test('a rejection: a material is missing, the one-time notice names it with its requirement', async ({ newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const intake = await startIntake(counter);
  await intake.getByLabel('已收 职工居民身份证').check();
  // An agent applies: the authorisation joins the checklist, and is missing too.
  await goToStep(counter, 1);
  await intake.getByLabel(/^代办$/).check();
  await goToStep(counter, 3);
  await expect(intake.getByTestId('intake-materials')).toContainText('授权委托书');
  await goToStep(counter, 6);
  const printedBefore = (await printedTranscripts('counter-03')).length;
  await intake.getByLabel(/告知理由/).fill('缺少住房租赁合同和授权委托书');
  await intake.getByRole('button', { name: /^不予受理，/ }).click();
  const done = counter.getByTestId('intake-done');
  await expect(done).toContainText('已出具不予受理通知书和一次性告知单');
  await expect(done).not.toContainText('受理编号');
  await expect
    .poll(
      async () => {
        const slips = (await printedTranscripts('counter-03'))
          .slice(printedBefore)
          .map((text) => text.replace(/^\[[^\]]*\] ?/gm, '').replace(/\n/g, ''));
        const notice = slips.find((text) => text.includes('一次性告知单'));
        const refusal = slips.find((text) => text.includes('不予受理通知书'));
        return Boolean(
          notice?.includes('告知事由：缺少住房租赁合同和授权委托书') &&
          notice.includes('住房租赁合同（缺少）') &&
          notice.includes('授权委托书（缺少）') &&
          refusal?.includes('理由：缺少住房租赁合同和授权委托书') &&
          refusal.includes('行政复议') &&
          refusal.includes('c001') &&
          !refusal.includes('受理编号'),
        );
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  // The next applicant gets a fresh intake, not a blank page.
  await counter
    .getByTestId('intake-done')
    .getByRole('button', { name: /下一位/ })
    .click();
  await expect(intakePanel(counter).getByTestId('intake-applicant')).toContainText('请申请人将身份证放在读卡区');
  await expect(counter.getByTestId('current-ticket')).toBeVisible();
});

test('axe finds no serious violation on the counter and the customer screens', async ({ newPage }) => {
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  await startIntake(counter);
  await intakePanel(counter)
    .getByRole('button', { name: /请申请人确认/ })
    .click();
  await expect(customer.getByTestId('customer-review')).toBeVisible();
  for (const page of [counter, customer]) {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await counter
    .getByRole('button', { name: /取走/ })
    .click()
    .catch(() => undefined);
});

test('the counter never asks for a material a department shares (免提交)', async ({ newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const intake = intakePanel(counter);
  await goToStep(counter, 2);
  await intake.getByLabel(/搜索事项/).fill('购买自住住房');
  await intake.getByRole('button', { name: /住房公积金提取（购买自住住房）/ }).click();
  await intake.getByRole('button', { name: '否', exact: true }).click();
  const materials = intake.getByTestId('intake-materials');
  await expect(materials).toContainText('购房发票');
  await expect(materials).not.toContainText('购房合同或不动产权证书');
  await expect(intake.getByText('部门共享，免提交：购房合同或不动产权证书')).toBeVisible();
  await goToStep(counter, 2);
  await intake.getByRole('button', { name: /更换/ }).click();
});

test('出件 at another counter: the receipt’s QR scanned at 综合出件, the applicant’s card read there, the slip printed there; the kiosk and the intake counter see 已出件', async ({
  newPage,
}) => {
  test.setTimeout(90_000);
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const customer = await newPage();
  await customer.goto(pageUrl('customer'));
  const registered = (await acceptCaseFromPages(counter, customer, '张测试', '430602199003071231')) as {
    value: { case: { caseId: string; receiptNumber: string } };
  };
  const { caseId, receiptNumber } = registered.value.case;
  const spaced = `${receiptNumber.slice(0, 4)} ${receiptNumber.slice(4, 8)} ${receiptNumber.slice(8)}`;
  const caseOf = async () =>
    (
      (await rawRpcFromPage(counter, { id: 'g', method: 'cases.get', input: { caseId } })) as {
        value: { caseNumber: string | null; stage: string };
      }
    ).value;
  await expect.poll(async () => (await caseOf()).caseNumber, { timeout: 15_000 }).not.toBeNull();
  const caseNumber = (await caseOf()).caseNumber!;
  // The intake counter's own list finds the case by the number on the receipt, typed any way.
  const cases = counter.getByRole('region', { name: /办件与同步/ });
  await cases.getByLabel(/查找办件/).fill(spaced.toLowerCase());
  await cases.getByRole('button', { name: /^查找$/ }).click();
  await expect(cases.getByRole('list', { name: /查找结果/ })).toContainText(caseNumber);
  await completeOnPlatform(caseNumber);

  const desk = await newPage();
  await desk.goto(pageUrl('counter', 'counter-02'));
  await logIn(desk);
  await expect(desk.getByRole('heading', { level: 1 })).toContainText('综合出件');
  const pickup = desk.getByRole('region', { name: /^出件$/ });
  await rawRpcFromPage(desk, { id: 's', method: 'scanner.simulate', input: { text: `onewindow:case:${receiptNumber}`, symbology: 'qr' } });
  await expect(pickup.getByLabel(/回执二维码/)).toHaveValue(`onewindow:case:${receiptNumber}`);
  await pickup.getByRole('button', { name: /出件/ }).click();
  await expect(pickup.getByRole('alert')).toContainText('读取领取人的身份证');

  const reader = desk.getByRole('region', { name: /身份证/ });
  await reader.getByRole('button', { name: 'resident', exact: true }).click();
  await expect(desk.getByTestId('idcard-card')).toContainText('张*试');
  const printedBefore = (await printedTranscripts('counter-02')).length;
  const intakePrinted = (await printedTranscripts('counter-03')).length;
  await pickup.getByRole('button', { name: /出件/ }).click();
  const done = pickup.getByTestId('pickup-done');
  await expect(done).toContainText(`受理编号 ${spaced}`);
  await expect(done).toContainText(`办件编号 ${caseNumber}`);
  await expect(done).toContainText('领取人为申请人');
  await expect
    .poll(async () => {
      const slip = (await printedTranscripts('counter-02')).slice(printedBefore).find((text) => text.includes('出件单'));
      return Boolean(
        slip?.includes(spaced) &&
        slip.includes(caseNumber) &&
        slip.includes('张*试（申请人）') &&
        slip.includes('9号窗口 综合出件') &&
        !slip.includes('430602199003071231'),
      );
    })
    .toBe(true);
  expect((await printedTranscripts('counter-03')).length).toBe(intakePrinted);
  await reader.getByRole('button', { name: /取走/ }).click();

  // The intake counter learns of the hand-over from the platform's changes.
  await expect.poll(async () => (await caseOf()).stage, { timeout: 20_000 }).toBe('delivered');
  await expect(cases.getByTestId('case-row').filter({ hasText: caseNumber }).first()).toContainText('已出件');

  const kiosk = await newPage();
  await openKiosk(kiosk, 'progress');
  await kiosk.locator('.keyboard-field-input').fill(spaced.toLowerCase());
  await kiosk.getByRole('button', { name: '下一步', exact: true }).click();
  await kiosk.getByLabel(/查询码/).fill(checkCodeOf(caseId));
  await kiosk.getByRole('button', { name: '查询', exact: true }).click();
  const results = kiosk.getByTestId('progress-results');
  await expect(results).toContainText(spaced);
  await expect(results).toContainText(caseNumber);
  await expect(results).toContainText('已出件');
  // The receipt's QR at the kiosk's scanner finds it too.
  await results.getByRole('button', { name: /重新查询/ }).click();
  await rawRpcFromPage(kiosk, {
    id: 'k',
    method: 'scanner.simulate',
    input: { text: caseQrText(receiptNumber, checkCodeOf(caseId)), symbology: 'qr' },
  });
  await expect(kiosk.getByTestId('progress-results')).toContainText(caseNumber);
  await expect(kiosk.locator('.keyboard-field-input')).toHaveCount(0);
});

test('a wrong number at the kiosk and at 出件 gets a Chinese answer that says what to do', async ({ newPage }) => {
  const kiosk = await newPage();
  await openKiosk(kiosk, 'progress');
  await kiosk.locator('.keyboard-field-input').fill('ABCD EFGH JKM');
  await kiosk.getByRole('button', { name: '下一步', exact: true }).click();
  await expect(kiosk.getByRole('alert')).toContainText('有误，请逐个核对回执上的 11 位字母和数字');

  const desk = await newPage();
  await desk.goto(pageUrl('counter', 'counter-02'));
  await logIn(desk);
  await desk.getByRole('tab', { name: '出件' }).click();
  const pickup = desk.getByRole('region', { name: /^出件$/ });
  await pickup.getByLabel(/回执二维码/).fill('hello');
  await pickup.getByRole('button', { name: /出件/ }).click();
  await expect(pickup.getByRole('alert')).toContainText('无法识别“hello”：请扫描受理回执上的二维码');
});

test('a refusal on other grounds, every material received: the clerk must write the grounds, and only the 不予受理通知书 prints', async ({
  newPage,
}) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const intake = await startIntake(counter);
  for (const row of await intake.getByTestId('intake-materials').locator('tbody tr').all()) await row.getByRole('checkbox').check();
  const refuse = intake.getByRole('button', { name: /^不予受理，打印通知书$/ });
  await expect(refuse).toBeDisabled();
  await goToStep(counter, 6);
  await intake.getByLabel(/告知理由/).fill('申请事项不属于本中心受理范围，请到区行政服务中心办理');
  const printedBefore = (await printedTranscripts('counter-03')).length;
  await refuse.click();
  await expect(counter.getByTestId('intake-done')).toContainText('已出具不予受理通知书');
  await expect(counter.getByTestId('intake-done')).not.toContainText('一次性告知单');
  await expect
    .poll(
      async () =>
        (await printedTranscripts('counter-03'))
          .slice(printedBefore)
          .some((text) => text.includes('不予受理通知书') && text.includes('不属于本中心受理范围')),
      { timeout: 20_000 },
    )
    .toBe(true);
  expect((await printedTranscripts('counter-03')).slice(printedBefore).some((text) => text.includes('一次性告知单'))).toBe(false);
  // The next applicant's case starts with no grounds written.
  await counter
    .getByTestId('intake-done')
    .getByRole('button', { name: /下一位/ })
    .click();
  await expect(intake.getByRole('button', { name: /1\. 申请人 未读证件/ })).toBeVisible();
  await startIntake(counter);
  await goToStep(counter, 6);
  await expect(intake.getByLabel(/告知理由/)).toHaveValue('');
});
