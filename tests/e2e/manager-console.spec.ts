import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO_CONSOLE_ACCOUNTS } from '../../scripts/demo.js';
import { MANAGERS_WORKBOOK } from '../helpers/stats-workbook.js';
import { expect, test } from './fixtures.js';
import { counterWithAssistedNumber } from './counter-login.js';
import { seriousViolations } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { atWelcome } from './customer-welcome.js';
import { pageUrl } from './urls.js';
import { callAtWindow3, counterRpc } from './window-rpc.js';

const CONSOLE = () => `${process.env.ONEWINDOW_E2E_HALL}/manager`;

const { manager: MANAGER, supervisor: SUPERVISOR } = DEMO_CONSOLE_ACCOUNTS;

async function logInToConsole(page: Page, account: string = MANAGER.id, password: string = MANAGER.password) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(CONSOLE());
  const form = page.getByRole('form', { name: '登录大厅管理台' });
  await form.getByLabel('账号').fill(account);
  await form.getByLabel('密码').fill(password);
  await form.getByRole('button', { name: '登录' }).click();
}

test('the manager logs in to the console and sees a call at the counter there within a second', async ({ newPage }) => {
  const manager = await newPage();
  await logInToConsole(manager, MANAGER.id, 'not-the-password');
  await expect(manager.getByRole('alert')).toContainText('账号或密码不正确，还可再试');
  await manager.getByLabel('密码').fill(MANAGER.password);
  await manager.getByRole('button', { name: '登录' }).click();
  await expect(manager.getByTestId('console-link')).toHaveText('实时');
  await expect(manager.getByText('赵主任 · 大厅管理员')).toBeVisible();

  const counter = await newPage();
  await counterWithAssistedNumber(counter);
  const window3 = manager.locator('[data-window="3"]');
  await expect(window3).toContainText('王晓', { timeout: 1000 });
  await expect(manager.locator('[data-queue="assisted"] td').first()).not.toHaveText('0', { timeout: 1000 });
  await counter.getByRole('button', { name: /^叫号/ }).click();
  // The hall calls by its rules (other tests may have left earlier numbers waiting): whichever the counter shows.
  await expect(counter.getByTestId('current-ticket')).toContainText(/[A-Z]\d{3}/);
  const called = /[A-Z]\d{3}/.exec((await counter.getByTestId('current-ticket').textContent())!)![0];
  // The counter has shown the call: the console follows within a second.
  await expect(window3.getByTestId('window-current')).toHaveText(called, { timeout: 1000 });
  await expect(window3).toContainText('办理中');
  await saveScreen(manager, 'console-live');
  await counter.getByRole('button', { name: /^办结/ }).click();
  await expect(window3.getByTestId('window-current')).toHaveText('无', { timeout: 1000 });

  expect(await seriousViolations(manager)).toEqual([]);
  await manager.getByRole('button', { name: '退出登录' }).click();
  await expect(manager.getByRole('form', { name: '登录大厅管理台' })).toContainText('已退出登录');
});

test('a supervisor sees the hall read-only, and a reload keeps the session; the login page passes axe', async ({ newPage }) => {
  const page = await newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(CONSOLE());
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreen(page, 'console-login');
  await logInToConsole(page, SUPERVISOR.id, SUPERVISOR.password);
  await expect(page.getByText('周监察 · 监察（只读）')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('console-link')).toHaveText('实时');
  await expect(page.getByTestId('console-terminals')).toContainText('kiosk-01');
});

test('the manager sets a wait alert, sees it fire within a second of the number, and acknowledges it', async ({ newPage }) => {
  const manager = await newPage();
  await logInToConsole(manager);
  await expect(manager.getByTestId('console-link')).toHaveText('实时');
  const rules = manager.getByRole('form', { name: '添加规则' });
  await rules.getByLabel('提醒什么').selectOption({ label: '等候过久' });
  await rules.getByLabel('阈值（分钟）').fill('abc');
  await rules.getByRole('button', { name: '添加规则' }).click();
  await expect(rules).toContainText('请填写 0–999 之间的整数');
  await rules.getByLabel('阈值（分钟）').fill('0');
  await rules.getByLabel('队列').selectOption({ label: '帮办代办' });
  await rules.getByRole('button', { name: '添加规则' }).click();
  const rule = manager.getByTestId('console-rules').locator('li', { hasText: '帮办代办：有人等候超过 0 分钟' });
  await expect(rule).toBeVisible();

  await counterWithAssistedNumber(await newPage());
  const alert = manager.locator('[data-alert-kind="longWait"][data-acknowledged="false"]', { hasText: '帮办代办' }).first();
  await expect(alert).toBeVisible({ timeout: 1000 });
  await expect(alert).toContainText('仍在发生');
  await manager.evaluate(() => window.scrollTo(0, 0));
  await saveScreen(manager, 'console-alert');
  expect(await seriousViolations(manager)).toEqual([]);

  await alert.getByRole('button', { name: /^确认/ }).click();
  await expect(manager.locator('[data-alert-kind="longWait"]').first()).toContainText(`${MANAGER.id} 于`);
  await rule.getByRole('button', { name: /^删除/ }).click();
  await expect(rule).toHaveCount(0);
});

test("the manager reads the day's figures by hour with a chart, and exports them as an Excel workbook that opens with its sheets", async ({
  newPage,
}) => {
  // A number of today's, so the day has figures whichever tests ran before.
  await counterWithAssistedNumber(await newPage());

  const manager = await newPage();
  await logInToConsole(manager);
  await manager.getByRole('navigation', { name: '管理台页面' }).getByRole('button', { name: '统计与绩效' }).click();
  const totals = manager.getByTestId('stats-totals');
  await expect(totals.locator('dd').first()).not.toHaveText('0');
  await expect(totals).toContainText('好评率');
  await manager.getByRole('radio', { name: '按时段' }).click();
  await expect(manager.getByRole('radio', { name: '按时段' })).toHaveAttribute('aria-checked', 'true');
  await expect(manager.getByTestId('stats-chart').locator('svg')).toBeVisible();
  await expect(manager.getByTestId('stats-table').locator('tbody tr').last()).toContainText('合计');
  await expect(manager.getByRole('radio', { name: '按工作人员' })).toBeVisible();
  await saveScreen(manager, 'console-stats');
  expect(await seriousViolations(manager)).toEqual([]);

  const download = manager.waitForEvent('download');
  await manager.getByRole('link', { name: '导出 Excel' }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(MANAGERS_WORKBOOK);
  expect(workbook.getWorksheet('汇总 summary')!.getRow(2).values).toEqual(expect.arrayContaining(['大厅 hall']));

  // The start after the end: refused in words, the figures shown stay.
  const form = manager.getByRole('form', { name: '统计与绩效' });
  const today = await form.getByLabel('结束日期').inputValue();
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('结束日期').fill(yesterday);
  await form.getByRole('button', { name: '统计' }).click();
  await expect(manager.getByRole('alert')).toContainText('晚于结束日期');

  const supervisor = await newPage();
  await logInToConsole(supervisor, SUPERVISOR.id, SUPERVISOR.password);
  await supervisor.getByRole('button', { name: '统计与绩效' }).click();
  await expect(supervisor.getByTestId('stats-totals')).toContainText('取号');
  await expect(supervisor.getByRole('radio', { name: '按工作人员' })).toHaveCount(0);
  await expect(supervisor.getByText('工作人员个人绩效仅大厅管理员可查看')).toBeVisible();
});

/** A service at window 3 that its applicant rates 非常不满意 on their screen: the rated ticket's number. */
async function aBadRating(counter: Page, customer: Page, contact?: string): Promise<string> {
  const { ticketNumber } = await callAtWindow3(counter);
  await atWelcome(customer);
  await counterRpc(counter, 'counter.finish', { serviceCodes: [] });
  await customer.getByRole('button', { name: /^非常不满意/ }).click();
  await customer.getByRole('button', { name: '工作人员态度不好' }).click();
  if (contact) {
    await customer.getByRole('button', { name: '留个电话，方便我们回访（可不留）' }).click();
    const pad = customer.getByRole('group', { name: '回访电话' });
    for (const digit of contact) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByRole('button', { name: '确定' }).click();
    await expect(customer.getByRole('button', { name: /^回访电话：\d{3}\*{4}\d{4}/ })).toBeVisible();
  }
  await customer.getByRole('button', { name: '提交评价' }).click();
  await expect(customer.getByRole('status')).toContainText('感谢您的评价，我们会尽快核实并回复您');
  // The thanks stay five seconds, then the screen greets the next applicant.
  await expect(customer.locator('[data-view="welcome"]')).toBeVisible({ timeout: 10_000 });
  return ticketNumber;
}

test('a 差评 given on the applicant’s screen becomes a work order the manager takes through 核实, 整改, 反馈 and 回访; another goes to 申诉复核', async ({
  newPage,
}) => {
  test.setTimeout(90_000);
  const counter = await newPage();
  const customer = await newPage();
  await customer.setViewportSize({ width: 1920, height: 1080 });
  await counter.goto(pageUrl('counter'));
  await customer.goto(pageUrl('customer'));
  const manager = await newPage();
  await logInToConsole(manager);
  await manager.getByRole('navigation', { name: '管理台页面' }).getByRole('button', { name: '好差评工单' }).click();
  await expect(manager.getByText('须在 5 个工作日内办结')).toBeVisible();

  const first = await aBadRating(counter, customer, '13800138000');
  const second = await aBadRating(counter, customer);
  // The list follows the hall: the new orders show without a reload.
  const orders = manager.getByTestId('follow-up-orders');
  await expect(orders.getByRole('button', { name: first, exact: true })).toBeVisible();
  await expect(orders.getByRole('button', { name: second, exact: true })).toBeVisible();

  await orders.getByRole('button', { name: first, exact: true }).click();
  const detail = manager.getByTestId('follow-up-detail');
  await expect(detail).toContainText(`${first} 号的差评工单`);
  await expect(detail).toContainText('非常不满意');
  await expect(detail).toContainText('工作人员态度不好');
  await expect(detail).toContainText('王晓');
  await expect(detail).toContainText('13800138000');
  // A step without its account is refused on the page, in words.
  await detail.getByRole('button', { name: '核实属实，转整改' }).click();
  await expect(detail.getByRole('alert')).toContainText('请写明情况');
  const steps: [string, string][] = [
    ['核实属实，转整改', '调取窗口录像，工作人员答复生硬属实'],
    ['整改完成，转反馈', '对工作人员批评教育，组织服务规范培训'],
    ['已向群众反馈，转回访', '电话告知整改情况并致歉'],
  ];
  for (const [button, note] of steps) {
    await detail.getByLabel('情况说明').fill(note);
    await detail.getByRole('button', { name: button }).click();
    await expect(detail.getByTestId('follow-up-steps')).toContainText(note);
  }
  await expect(orders.locator('tr', { hasText: first })).toContainText('待回访');
  await saveScreen(manager, 'console-follow-up');
  expect(await seriousViolations(manager)).toEqual([]);
  await detail.getByLabel('情况说明').fill('群众对整改表示认可');
  await detail.getByLabel('群众意见').selectOption({ label: '满意' });
  await detail.getByRole('button', { name: '回访完成，办结' }).click();
  await expect(orders.getByRole('button', { name: first, exact: true })).toHaveCount(0);

  await orders.getByRole('button', { name: second, exact: true }).click();
  await detail.getByLabel('情况说明').fill('群众现场表示误触，非对服务不满');
  await detail.getByRole('button', { name: '提出申诉（误评、恶意评价）' }).click();
  await expect(orders.locator('tr', { hasText: second })).toContainText('申诉复核中');
  await detail.getByLabel('情况说明').fill('复核录像，群众离开时致谢，申诉成立');
  await detail.getByRole('button', { name: '复核：申诉成立，办结' }).click();
  await manager.getByRole('radio', { name: '全部（最近 200 张）' }).click();
  await expect(orders.locator('tr', { hasText: second })).toContainText('申诉成立');
  await expect(orders.locator('tr', { hasText: first })).toContainText('已整改回访');
});
