import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { completeOnPlatform, pageUrl, printedTranscripts } from './urls.js';

const intakePanel = (counter: Page) => counter.getByRole('region', { name: /^受理 Intake/ });

/** The clerk reads the applicant's card and picks 住房公积金提取（租赁住房）, 未备案. */
async function startIntake(counter: Page) {
  const intake = intakePanel(counter);
  await counter.getByRole('region', { name: /身份证/ }).getByRole('button', { name: 'resident', exact: true }).click();
  await expect(counter.getByTestId('idcard-card')).toContainText('张*试');
  await intake.getByRole('button', { name: /读取申请人证件/ }).click();
  await expect(intake.getByTestId('intake-applicant')).toContainText('张*试 430602********1231');
  await counter.getByRole('region', { name: /身份证/ }).getByRole('button', { name: /取走/ }).click();
  await intake.getByLabel(/搜索事项/).fill('租房提取');
  await intake.getByRole('button', { name: /住房公积金提取（租赁住房）/ }).click();
  await intake.getByRole('button', { name: '未备案' }).click();
  await expect(intake.getByTestId('intake-materials')).toContainText('住房租赁合同');
  return intake;
}

/** A few strokes on the applicant's signature pad with the mouse. */
async function sign(customer: Page) {
  const pad = customer.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await customer.mouse.move(box.x + 40, box.y + box.height / 2);
  await customer.mouse.down();
  for (let step = 1; step <= 12; step++) await customer.mouse.move(box.x + 40 + step * 25, box.y + box.height / 2 + (step % 2 ? 25 : -25));
  await customer.mouse.up();
}

test('a full intake: call, card, item, materials scanned, applicant confirms and signs, 受理 with a receipt, the case reaches the platform, the applicant rates', async ({ newPage }) => {
  // A whole visit at the window, with a scan from the feeder and the sync: longer than one screen's test.
  test.setTimeout(90_000);
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  await counter.getByRole('button', { name: '为群众取综合一窗号' }).click();
  await counter.getByRole('button', { name: /叫号 Call next/ }).click();
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

  await intake.getByLabel(/手机号码/).fill('13800138000');
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
  await expect.poll(async () => (await printedTranscripts('counter-03')).slice(printedBefore).some((text) => text.includes('受理回执') && text.includes('张*试'))).toBe(true);
  await expect(customer.locator('[data-view="welcome"]')).toBeVisible();

  const row = counter.getByRole('region', { name: /办件与同步/ }).getByTestId('case-row').first();
  await expect(row).toContainText('住房公积金提取（租赁住房）');
  await expect(row).toHaveAttribute('data-sync', 'synced', { timeout: 15_000 });

  await counter.getByRole('button', { name: /办结 Finish/ }).click();
  await expect(customer.locator('[data-view="rating"]')).toBeVisible();
  await customer.getByRole('button', { name: /^非常满意/ }).click();
  await expect(customer.locator('[data-view="thanks"]')).toBeVisible();
  await counter.getByTestId('intake-done').getByRole('button', { name: /下一位/ }).click();
});

test('a rejection: a material is missing, the one-time notice names it with its requirement', async ({ newPage }) => {
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const intake = await startIntake(counter);
  await intake.getByLabel('已收 职工居民身份证').check();
  // An agent applies: the authorisation joins the checklist, and is missing too.
  await intake.getByLabel(/代办 Agent/).check();
  await expect(intake.getByTestId('intake-materials')).toContainText('授权委托书');
  const printedBefore = (await printedTranscripts('counter-03')).length;
  await intake.getByRole('button', { name: /不予受理/ }).click();
  await expect(counter.getByTestId('intake-done')).toContainText('已出具一次性告知单');
  await expect
    .poll(async () =>
      (await printedTranscripts('counter-03')).slice(printedBefore).some((text) => text.includes('一次性告知单') && text.includes('住房租赁合同（缺少）') && text.includes('授权委托书（缺少）')),
    )
    .toBe(true);
  // The next applicant gets a fresh intake, not a blank page.
  await counter.getByTestId('intake-done').getByRole('button', { name: /下一位/ }).click();
  await expect(intakePanel(counter).getByText('请申请人将身份证放在读卡区')).toBeVisible();
  await expect(counter.getByTestId('current-ticket')).toBeVisible();
});

test('axe finds no serious violation on the counter and the customer screens', async ({ newPage }) => {
  const counter = await newPage();
  const customer = await newPage();
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  await logIn(counter);
  await startIntake(counter);
  await intakePanel(counter).getByRole('button', { name: /请申请人确认/ }).click();
  await expect(customer.getByTestId('customer-review')).toBeVisible();
  for (const page of [counter, customer]) {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  await counter.getByRole('button', { name: /取走/ }).click().catch(() => undefined);
});

test('出件: the receipt scanned and the applicant’s card read, the finished case is handed over with a pickup slip', async ({ newPage }) => {
  test.setTimeout(60_000);
  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const registered = (await rawRpcFromPage(counter, {
    id: 'r1',
    method: 'cases.register',
    input: { draft: { itemCode: '11440300007542037X4440117009000', itemName: '不动产登记（转移登记）', caseType: '2', promisedDays: 5, applicant: { name: '张测试', certificateType: '111', certificateNumber: '430602199003071231' }, materials: [] } },
  })) as { value: { caseId: string } };
  const caseId = registered.value.caseId;
  const caseOf = async () => ((await rawRpcFromPage(counter, { id: 'g', method: 'cases.get', input: { caseId } })) as { value: { caseNumber: string | null; stage: string } }).value;
  await expect.poll(async () => (await caseOf()).caseNumber, { timeout: 15_000 }).not.toBeNull();
  const caseNumber = (await caseOf()).caseNumber!;
  await completeOnPlatform(caseNumber);
  await expect.poll(async () => (await caseOf()).stage, { timeout: 20_000 }).toBe('completed');

  const pickup = counter.getByRole('region', { name: /出件 Result pickup/ });
  await rawRpcFromPage(counter, { id: 's', method: 'scanner.simulate', input: { text: `onewindow:case:${caseId}`, symbology: 'qr' } });
  await expect(pickup.getByLabel(/回执二维码/)).toHaveValue(`onewindow:case:${caseId}`);
  await pickup.getByRole('button', { name: /出件/ }).click();
  await expect(pickup.getByRole('alert')).toContainText('读取领取人的身份证');

  await counter.getByRole('region', { name: /身份证/ }).getByRole('button', { name: 'resident', exact: true }).click();
  await expect(counter.getByTestId('idcard-card')).toContainText('张*试');
  const printedBefore = (await printedTranscripts('counter-03')).length;
  await pickup.getByRole('button', { name: /出件/ }).click();
  await expect(pickup.getByTestId('pickup-done')).toContainText(caseNumber);
  await expect.poll(async () => (await printedTranscripts('counter-03')).slice(printedBefore).some((text) => text.includes('出件单') && text.includes('张*试'))).toBe(true);
  expect((await caseOf()).stage).toBe('delivered');
  await counter.getByRole('region', { name: /身份证/ }).getByRole('button', { name: /取走/ }).click();
});
