import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DEMO_CONSOLE_ACCOUNTS } from '../../scripts/demo.js';
import { MANAGERS_WORKBOOK } from '../helpers/stats-workbook.js';
import { expect, test } from './fixtures.js';
import { counterWithAssistedNumber } from './counter-login.js';
import { seriousViolations } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { atWelcome } from './customer-welcome.js';
import { openKiosk, pageUrl, printedTranscripts } from './urls.js';
import { hallApi } from '../../src/shared/hall-api.js';
import type { ConsoleSettings } from '../../src/shared/hall-settings.js';
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

/** The console's settings through its session cookie, as the page calls them: to put the demo hall back as other tests expect it. */
async function settingsRoute(page: Page, path: string, body?: unknown) {
  const url = `${process.env.ONEWINDOW_E2E_HALL}${path}`;
  const reply = body === undefined ? await page.request.get(url) : await page.request.post(url, { data: body });
  expect(reply.ok(), `${path}: ${await reply.text()}`).toBe(true);
  return (await reply.json()) as { version: number; settings: ConsoleSettings };
}

test('the manager adds a queue and a window; the open kiosk offers it at once and issues from it, no restart; a change is undone', async ({
  newPage,
}) => {
  const manager = await newPage();
  await logInToConsole(manager);
  const kiosk = await newPage();
  await kiosk.setViewportSize({ width: 1080, height: 1920 });
  await openKiosk(kiosk, 'take');
  await expect(kiosk.locator('button[data-queue="comprehensive"]')).toBeVisible();
  const original = await settingsRoute(manager, hallApi.settings.path);
  try {
    await manager.getByRole('button', { name: '设置与终端' }).click();
    await expect(manager.getByTestId('settings-version')).toContainText(`当前为第 ${original.version} 版`);
    const queues = manager.getByTestId('settings-queues');
    await manager.getByRole('button', { name: '添加队列' }).click();
    const row = queues.locator('tbody tr').last();
    await row.getByLabel(/的编号$/).fill('taxi');
    await row.getByLabel(/的名称$/).fill('出租车营运证');
    await row.getByLabel(/的号码前缀$/).fill('T');
    await manager.getByRole('button', { name: '添加窗口' }).click();
    const window = manager.getByTestId('settings-windows').locator('tbody tr').last();
    await window.getByLabel(/的名称$/).fill('交通运输');
    await window.getByRole('checkbox', { name: '出租车营运证' }).check();

    await manager.getByRole('button', { name: '预览改动' }).click();
    const diff = manager.getByTestId('settings-diff');
    await expect(diff).toContainText('新增 · 业务队列 出租车营运证（taxi）');
    await expect(diff).toContainText('号码前缀：（无） → T');
    await expect(diff).toContainText('新增 · 窗口 交通运输（13）');
    await saveScreen(manager, 'console-settings');
    expect(await seriousViolations(manager)).toEqual([]);
    await manager.getByRole('button', { name: '确认应用' }).click();
    await expect(manager.getByTestId('settings-done')).toContainText(`已应用为第 ${original.version + 1} 版`);
    await expect(manager.getByTestId('settings-history').locator('li').first()).toContainText('赵主任');

    // The kiosk was open all along: it offers the new queue without a reload, and issues from it.
    const taxi = kiosk.locator('button[data-queue="taxi"]');
    await expect(taxi).toContainText('出租车营运证', { timeout: 3000 });
    await taxi.click();
    await expect(kiosk.getByTestId('ticket-number')).toHaveText('T001');
    await expect
      .poll(async () => (await printedTranscripts('kiosk-01')).some((text) => text.includes('[center 4x4 bold] T001')))
      .toBe(true);

    // A change undone: the latest version taken back on the console.
    await manager.getByLabel('差评办结期限（工作日）').fill('15');
    await manager.getByRole('button', { name: '预览改动' }).click();
    await expect(diff).toContainText('差评办结期限（工作日）：5 → 15');
    await manager.getByRole('button', { name: '确认应用' }).click();
    await expect(manager.getByTestId('settings-done')).toContainText(`已应用为第 ${original.version + 2} 版`);
    await manager.getByRole('button', { name: '撤销此版' }).click();
    const undo = manager.getByRole('dialog', { name: `撤销第 ${original.version + 2} 版？` });
    await expect(undo).toContainText('差评办结期限（工作日）：5 → 15');
    await undo.getByRole('button', { name: '确认撤销' }).click();
    await expect(manager.getByTestId('settings-done')).toContainText(`已撤销，现为第 ${original.version + 3} 版`);
    await expect(manager.getByLabel('差评办结期限（工作日）')).toHaveValue('5');
  } finally {
    await putBack(manager, original.settings);
  }
});

/**
 * The demo hall's settings as they were: T001 is served first (window 3 serving the new queue alone for a
 * moment, as a queue with people in it cannot be removed), then the settings of the start are applied again.
 */
async function putBack(manager: Page, settings: ConsoleSettings) {
  const now = await settingsRoute(manager, hallApi.settings.path);
  if (now.settings.queues.some((queue) => queue.id === 'taxi')) {
    const onlyTaxi = now.settings.windows.map((window) =>
      window.number === 3 ? { ...window, queues: [{ queueId: 'taxi', weight: 1 }] } : window,
    );
    await settingsRoute(manager, hallApi.applySettings.path, {
      baseVersion: now.version,
      settings: { ...now.settings, windows: onlyTaxi },
    });
    const counter = await manager.context().newPage();
    await counter.goto(pageUrl('counter'));
    const { windows } = await counterRpc<{ windows: { number: number; clerk: unknown }[] }>(counter, 'hall.snapshot', {});
    if (!windows.find((window) => window.number === 3)?.clerk) await counterRpc(counter, 'counter.login', { clerkId: 'c001', pin: '2468' });
    await counterRpc(counter, 'counter.pause', { paused: false });
    await counterRpc(counter, 'counter.finish', { serviceCodes: [] }).catch(() => undefined);
    await counterRpc(counter, 'counter.callNext', {}).catch(() => undefined);
    await counterRpc(counter, 'counter.finish', { serviceCodes: [] }).catch(() => undefined);
    await counter.close();
  }
  const latest = await settingsRoute(manager, hallApi.settings.path);
  if (JSON.stringify(latest.settings) !== JSON.stringify(settings))
    await settingsRoute(manager, hallApi.applySettings.path, { baseVersion: latest.version, settings });
}

test('the manager enrols a kiosk with a one-time code shown as text and QR, the kiosk takes numbers with it, and a revoke ends it', async ({
  newPage,
}) => {
  const manager = await newPage();
  await logInToConsole(manager);
  await manager.getByRole('button', { name: '设置与终端' }).click();
  const form = manager.getByRole('form', { name: '登记新终端' });
  await form.getByLabel('终端编号').fill('kiosk-09');
  await form.getByRole('button', { name: '生成登记码' }).click();
  const shown = manager.getByTestId('enrolment-code');
  await expect(shown).toContainText('kiosk-09 的登记码');
  await expect(shown.getByRole('img', { name: 'kiosk-09 登记码的二维码' })).toBeVisible();
  const code = (await shown.locator('.console-code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  const terminals = manager.getByTestId('terminals');
  await expect(terminals.locator('tr', { hasText: 'kiosk-09' })).toContainText('等待登记');

  // What `npm run terminal:enrol` does on the new kiosk: the code for its token, then a number with it.
  const hall = process.env.ONEWINDOW_E2E_HALL!;
  const enrolled = await manager.request.post(`${hall}${hallApi.enrol.path}`, { data: { code, terminalId: 'kiosk-09' } });
  const { token } = (await enrolled.json()) as { token: string };
  const issue = () =>
    manager.request.post(`${hall}/api/v1/tickets`, {
      data: { queueId: 'consulting', terminalId: 'kiosk-09' },
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
    });
  expect((await issue()).status()).toBe(200);
  await expect(terminals.locator('tr', { hasText: 'kiosk-09' })).toContainText('登记', { timeout: 3000 });

  await manager.getByRole('button', { name: '吊销 kiosk-09' }).click();
  const confirm = manager.getByRole('dialog', { name: '吊销 kiosk-09？' });
  await expect(confirm).toContainText('吊销后该终端立即不能再使用大厅');
  await confirm.getByRole('button', { name: '确认吊销' }).click();
  await expect(manager.getByText('已吊销 kiosk-09：它已不能再使用大厅')).toBeVisible();
  await expect(terminals.locator('tr', { hasText: 'kiosk-09' })).toContainText(/已于 .* 吊销/);
  expect((await issue()).status()).toBe(401);
  expect(await seriousViolations(manager)).toEqual([]);
});

test('the supervisor reads who did what in the chained log, verifies it against the platform, and exports it', async ({ newPage }) => {
  const kiosk = await newPage();
  await openKiosk(kiosk, 'take');
  await kiosk.locator('button[data-queue="consulting"]').click();
  await expect(kiosk.getByTestId('ticket-number')).toHaveText(/^L\d{3}$/);
  const page = await newPage();
  await logInToConsole(page, SUPERVISOR.id, SUPERVISOR.password);
  await page.getByRole('button', { name: '电子监察' }).click();
  // The demo's platform answers for the hall's 承诺件; how many are carded depends on what other tests took in.
  await expect(page.getByTestId('cards-summary')).toContainText(/在办承诺件 \d+ 件：红牌（已超期）\d+ 件，黄牌（2 个工作日内到期）\d+ 件/);
  const rows = page.getByTestId('audit-rows');
  await expect(rows.locator('tr[data-type="manager.loggedIn"]').first()).toContainText('周监察（管理台）');
  const filter = page.getByRole('form', { name: '筛选操作记录' });
  await filter.getByLabel('事件').selectOption({ label: '取号' });
  await filter.getByRole('button', { name: '查询' }).click();
  await expect(rows.locator('tbody tr').first()).toContainText('kiosk-01');
  await expect(rows.locator('tbody tr[data-type="manager.loggedIn"]')).toHaveCount(0);

  await page.getByRole('button', { name: '立即核验' }).click();
  const verdict = page.getByTestId('audit-verdict');
  await expect(verdict).toContainText('完整 / INTACT', { timeout: 15_000 });
  await expect(verdict).toContainText(/平台存证 \d+ 个，相符 \d+ 个/);
  await saveScreen(page, 'console-supervision');
  expect(await seriousViolations(page)).toEqual([]);

  const download = page.waitForEvent('download');
  await filter.getByRole('link', { name: '导出表格（CSV）' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  expect(csv.split('\n')[0]).toContain('序号 seq');
  expect(csv).toContain('ticket.issued');
  expect(csv).not.toContain('manager.loggedIn');
});
