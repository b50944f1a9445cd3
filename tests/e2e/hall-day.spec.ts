import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONSOLE_ACCOUNTS, startDemo, type Demo } from '../../scripts/demo.js';
import { HallStatsSchema, type HallStats } from '../../src/shared/hall-stats.js';
import type { Page as PageRole } from '../../src/shared/roles.js';
import { goToStep, logIn } from './counter-login.js';
import { managerCookie } from '../helpers/manager-login.js';
import { sign } from './signature.js';
import { rawRpcFromPage } from './rpc-from-page.js';

/**
 * One morning in the demo hall, across every screen, on a hall of its own (its statistics must equal what
 * this suite did, and the hall server is restarted mid-way): numbers with and without a card, a guided form,
 * a whole intake to the receipt, the next applicant, a rejection, a transfer, the hall server stopped with
 * SIGTERM and started again, the back office finishing the case, 出件 at another counter, progress at the
 * kiosk and the ticket's page on a phone.
 */
test.describe.configure({ mode: 'serial' });
// A click that cannot happen fails the step it is in, not the whole morning's time.
test.use({ actionTimeout: 15_000 });

const SCREEN = { width: 1920, height: 1080 };
const KIOSK = { width: 1080, height: 1920 };
const PHONE = { width: 390, height: 844 };

let demo: Demo;
let dataDir: string;
/** Every console error and uncaught exception of every page this suite opened. */
const pageErrors: string[] = [];
/** While the hall server restarts, a phone asking it for the ticket's state is refused: the browser logs that, the page does not. */
let hallRestarting = false;
/** The pages opened, by name: on a failure each one's screen is attached to the report. */
const screens = new Map<string, Page>();

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'onewindow-hall-day-'));
  demo = await startDemo({ dataDir, freePrinterPorts: true });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await demo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The URL of one page of one terminal of this suite's hall. */
function urlOf(terminalId: string, page: PageRole): string {
  const terminal = demo.terminals.find((candidate) => candidate.host.config.terminalId === terminalId);
  const url = terminal?.server.urls[page];
  if (!url) throw new Error(`no ${page} page on ${terminalId}`);
  return url;
}

async function open(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  name: string,
  before?: (page: Page) => Promise<void>,
): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
  await before?.(page);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (hallRestarting && message.text().includes('net::ERR_CONNECTION_REFUSED')) return;
    pageErrors.push(`${name}: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${name}: ${error.message}`));
  screens.set(name, page);
  await page.goto(url);
  return page;
}

test.afterEach(async ({ browserName: _ }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [name, page] of screens) {
    if (page.isClosed()) continue;
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path, fullPage: true }).then(
      () => testInfo.attach(name, { path, contentType: 'image/png' }),
      () => undefined,
    );
  }
});

/** What a terminal's virtual printer has printed so far, one transcript per job, oldest first. */
async function printed(terminalId: string): Promise<string[]> {
  const dir = join(dataDir, 'printers', terminalId);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.txt')).sort();
  return Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
}

/** The first job printed after `before` jobs that contains `marker`. */
async function nextSlip(terminalId: string, before: number, marker: string): Promise<string> {
  let slip: string | undefined;
  await expect
    .poll(async () => (slip = (await printed(terminalId)).slice(before).find((text) => text.includes(marker))), { timeout: 15_000 })
    .toBeDefined();
  return slip!;
}

/** The payload of a slip's QR code. */
function qrOf(slip: string): string {
  const match = /^\[qr [^\]]*\] (.+)$/m.exec(slip);
  if (!match) throw new Error(`no QR on the slip:\n${slip}`);
  return match[1]!;
}

const cardPanel = (page: Page) => page.getByRole('region', { name: /身份证/ });

async function placeCard(page: Page, sample: string) {
  await cardPanel(page).getByRole('button', { name: sample, exact: true }).click();
  await expect(page.getByTestId('idcard-card')).toBeVisible();
}

async function removeCard(page: Page) {
  await cardPanel(page).getByRole('button', { name: /取走/ }).click();
}

async function expectNoSeriousAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Presses keys of the kiosk's touch keyboard, one tap each, as a citizen would. */
async function tap(page: Page, keys: string) {
  const keyboard = page.getByRole('group', { name: /屏幕键盘/ });
  for (const key of keys) await keyboard.getByRole('button', { name: key, exact: true }).click();
}

/** Records every call the board speaks: Web Speech utterances and the espeak audio it plays. */
async function listenToSpeech(board: Page) {
  await board.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { spoken: string[] }).spoken = spoken;
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      spoken.push(`audio:${this.src.slice(0, 30)}`);
      return play.call(this).catch(() => undefined);
    };
    if (window.speechSynthesis) {
      const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
      window.speechSynthesis.speak = (utterance) => {
        spoken.push(`speech:${utterance.text}`);
        speak(utterance);
      };
    }
  });
}

const spokenCount = (board: Page) => board.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length);

/** The day's statistics as the hall server counts them, read as the demo hall's manager. */
async function hallStats(): Promise<HallStats> {
  const cookie = await managerCookie(demo.hall.url, DEMO_CONSOLE_ACCOUNTS.manager);
  const response = await fetch(`${demo.hall.url}/api/v1/stats`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return HallStatsSchema.parse(await response.json());
}

test('a morning in the hall, on every screen, with the hall server restarted mid-way', async ({ browser }) => {
  test.setTimeout(300_000);
  const kiosk = await open(browser, urlOf('kiosk-01', 'kiosk'), KIOSK, 'kiosk');
  const counter = await open(browser, urlOf('counter-03', 'counter'), SCREEN, 'counter');
  const customer = await open(browser, urlOf('counter-03', 'customer'), SCREEN, 'customer');
  const board = await open(browser, urlOf('board-01', 'board'), SCREEN, 'board', listenToSpeech);
  const issued: string[] = [];

  await test.step('numbers at the kiosk, without and with the ID card', async () => {
    await kiosk.locator('button[data-screen="take"]').click();
    const before = (await printed('kiosk-01')).length;
    await kiosk.locator('button[data-queue="comprehensive"]').click();
    const number = (await kiosk.getByTestId('ticket-number').textContent())!;
    expect(number).toBe('A001');
    issued.push(number);
    const ticket = await nextSlip('kiosk-01', before, number);
    expect(ticket).toContain('30 分钟');
    await kiosk.getByRole('button', { name: /完成/ }).click();

    await kiosk.locator('button[data-screen="take"]').click();
    await placeCard(kiosk, 'resident');
    await kiosk.locator('button[data-queue="real-estate"]').click();
    await expect(kiosk.getByTestId('ticket-number')).toHaveText('B001');
    issued.push('B001');
    await kiosk.getByRole('button', { name: /完成/ }).click();
    await expect(kiosk.locator('body')).not.toContainText('张*试');

    for (const next of ['A002', 'A003']) {
      await kiosk.locator('button[data-screen="take"]').click();
      await kiosk.locator('button[data-queue="comprehensive"]').click();
      await expect(kiosk.getByTestId('ticket-number')).toHaveText(next);
      issued.push(next);
      await kiosk.getByRole('button', { name: /完成/ }).click();
    }
  });

  let phone: Page;
  await test.step('the ticket’s QR opens its page on a phone', async () => {
    const slip = await nextSlip('kiosk-01', 0, '[center 4x4 bold] A002');
    const ticketPage = qrOf(slip);
    expect(ticketPage).toMatch(/^https?:\/\/.+\/t\//);
    phone = await open(browser, ticketPage, PHONE, 'phone');
    await expect(phone.locator('#headline')).toHaveText('前面还有 1 人');
    await expect(phone.locator('body')).toContainText('A002');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  let prefillCode = '';
  await test.step('a guided form at the kiosk ends in a pre-fill code', async () => {
    await kiosk.locator('button[data-screen="fill"]').click();
    await tap(kiosk, 'gongjijin');
    await kiosk.getByTestId('ime-candidates').getByRole('button', { name: '公积金', exact: true }).click();
    await kiosk
      .getByTestId('catalog-hits')
      .getByRole('button', { name: /住房公积金提取（租赁住房）/ })
      .click();
    await kiosk.getByRole('button', { name: '未备案' }).click();
    await kiosk.getByRole('button', { name: /开始填表/ }).click();
    await placeCard(kiosk, 'resident');
    await kiosk.getByRole('button', { name: /用刚读取的身份证填写/ }).click();
    await tap(kiosk, '13800138000');
    await kiosk.getByRole('button', { name: /下一题/ }).click();
    await kiosk.getByRole('button', { name: '租赁住房提取' }).click();
    await kiosk.locator('.keyboard-field-input').fill('6222021234567890123');
    await kiosk.getByRole('button', { name: /下一题/ }).click();
    await expect(kiosk.getByTestId('prefill-review')).toContainText('张*试');
    await kiosk.getByRole('button', { name: /生成预填码/ }).click();
    prefillCode = (await kiosk.getByTestId('prefill-code').textContent())!;
    await kiosk.getByRole('button', { name: /返回首页/ }).click();
    await kiosk.locator('button[data-screen="take"]').click();
    await removeCard(kiosk);
    await kiosk
      .getByRole('button', { name: /返回|首页/ })
      .first()
      .click();
  });

  let receipt = '';
  await test.step('the counter calls A001, opens the slip, reads the card, captures a page; the applicant confirms and signs; 受理 prints the receipt', async () => {
    await logIn(counter);
    const spokenBefore = await spokenCount(board);
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(counter.getByTestId('current-ticket')).toContainText('A001');
    await expect(board.getByTestId('board-call')).toContainText('A001');
    await expect.poll(() => spokenCount(board)).toBeGreaterThan(spokenBefore);

    await rawRpcFromPage(counter, {
      id: 'scan',
      method: 'scanner.simulate',
      input: { text: `onewindow:prefill:${prefillCode}`, symbology: 'qr' },
    });
    await expect(counter.getByTestId('prefill-opened')).toContainText('住房公积金提取（租赁住房）');
    const intake = counter.getByRole('region', { name: /^受理$/ });
    await placeCard(counter, 'resident');
    await intake.getByRole('button', { name: /读取申请人证件/ }).click();
    await removeCard(counter);
    for (const row of await intake.getByTestId('intake-materials').locator('tbody tr').all()) {
      const box = row.getByRole('checkbox');
      if (await box.isVisible()) await box.check();
    }
    await intake.locator('tr[data-material="住房租赁合同"]').getByRole('button', { name: /采集/ }).click();
    const capture = counter.getByRole('region', { name: '材料采集 住房租赁合同' });
    await capture.getByRole('tab', { name: /扫描仪/ }).click();
    await capture.getByRole('button', { name: /扫描进纸器/ }).click();
    await expect(capture.getByTestId('captured-page').first()).toBeVisible({ timeout: 30_000 });
    await capture.getByRole('button', { name: /保存材料/ }).click();
    await expect(capture.getByTestId('material-saved')).toContainText('KB PDF');

    await intake.getByRole('button', { name: /请申请人确认/ }).click();
    await expect(customer.getByTestId('customer-review')).toContainText('住房公积金提取（租赁住房）');
    await expect(customer.locator('body')).not.toContainText('430602199003071231');
    await sign(customer);
    await customer.getByRole('button', { name: /确认无误并签名/ }).click();
    await expect(intake.getByTestId('intake-confirmed')).toContainText('申请人已确认签名');

    const before = (await printed('counter-03')).length;
    await intake.getByRole('button', { name: /受理并打印回执/ }).click();
    await expect(counter.getByTestId('intake-done')).toContainText('已受理');
    receipt = await nextSlip('counter-03', before, '受理回执');
    expect(receipt).toContain('张*试');
  });

  await test.step('下一位: the counter stays whole for the next applicant, who is served and rates', async () => {
    await counter.getByRole('button', { name: /^办结/ }).click();
    await expect(customer.locator('[data-view="rating"]')).toBeVisible();
    await customer.getByRole('button', { name: /^满意/ }).click();
    await expect(customer.locator('[data-view="thanks"]')).toBeVisible();
    await counter
      .getByTestId('intake-done')
      .getByRole('button', { name: /下一位/ })
      .click();
    await expect(counter.getByRole('region', { name: /^受理$/ })).toBeVisible();
    await expect(counter.getByRole('region', { name: /叫号/ })).toBeVisible();
  });

  await test.step('a rejection: 不予受理 with its notices, and the next applicant again', async () => {
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(counter.getByTestId('current-ticket')).toContainText('A002');
    await expect(phone.locator('#headline')).toHaveText('请到 3 号窗口');
    const intake = counter.getByRole('region', { name: /^受理$/ });
    await placeCard(counter, 'resident');
    await intake.getByRole('button', { name: /读取申请人证件/ }).click();
    await removeCard(counter);
    await intake.getByLabel(/搜索事项/).fill('租房提取');
    await intake.getByRole('button', { name: /住房公积金提取（租赁住房）/ }).click();
    await intake.getByRole('button', { name: '未备案' }).click();
    await intake.getByLabel('已收 职工居民身份证').check();
    await goToStep(counter, 6);
    await intake.getByLabel(/告知理由/).fill('缺少住房租赁合同');
    const before = (await printed('counter-03')).length;
    await intake.getByRole('button', { name: /^不予受理，/ }).click();
    await expect(counter.getByTestId('intake-done')).toContainText('已出具不予受理通知书');
    const refusal = await nextSlip('counter-03', before, '不予受理通知书');
    expect(refusal).toContain('缺少住房租赁合同');
    expect(refusal).toContain('行政复议');
    expect(refusal).not.toContain('受理编号');
    await counter
      .getByTestId('intake-done')
      .getByRole('button', { name: /下一位/ })
      .click();
    await expect(intake).toBeVisible();
    await counter.getByRole('button', { name: /^办结/ }).click();
    await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
  });

  await test.step('a transfer to 综合出件 with a note the public screens never see', async () => {
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(counter.getByTestId('current-ticket')).toContainText('A003');
    await counter.getByLabel('转移到').selectOption('window:9');
    await counter.getByLabel(/^备注/).fill('张先生另需领取证件');
    await counter.getByRole('button', { name: /^转移$/ }).click();
    await expect(counter.getByRole('status').filter({ hasText: '已转移' })).toBeVisible();
    await expect(counter.getByTestId('current-ticket')).toContainText('当前无办理号码');
    await expect(board.locator('body')).not.toContainText('张先生');
    await expect(kiosk.locator('body')).not.toContainText('张先生');
  });

  await test.step('the hall server is stopped with SIGTERM and started again: every screen recovers without a reload', async () => {
    hallRestarting = true;
    await demo.restartHall();
    await kiosk.locator('button[data-screen="take"]').click();
    await expect(kiosk.locator('button[data-queue="comprehensive"]')).toBeVisible({ timeout: 15_000 });
    // Until the kiosk hears the hall again it issues from its lease (离线取号) and says so; then the hall numbers again.
    await expect(kiosk.getByTestId('take-offline')).toBeHidden({ timeout: 15_000 });
    await kiosk.locator('button[data-queue="comprehensive"]').click();
    await expect(kiosk.getByTestId('ticket-number')).toHaveText('A004', { timeout: 15_000 });
    await expect(kiosk.getByTestId('ticket-offline')).toBeHidden();
    issued.push('A004');
    await kiosk.getByRole('button', { name: /完成/ }).click();
    // The board hears of the new number over its event stream, which followed the new process.
    await expect(board.locator('.board-cell', { hasText: '综合一窗' }).locator('.board-waiting')).toHaveText('1', { timeout: 15_000 });
    hallRestarting = false;

    const spokenBefore = await spokenCount(board);
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(counter.getByTestId('current-ticket')).toContainText('A004');
    await expect(board.getByTestId('board-call')).toContainText('A004', { timeout: 3_000 });
    await expect.poll(() => spokenCount(board), { timeout: 3_000 }).toBeGreaterThan(spokenBefore);
    await counter.getByRole('button', { name: /^办结/ }).click();
  });

  const receiptQr = qrOf(receipt);
  let caseNumber = '';
  await test.step('the back office finishes the case', async () => {
    const found = async () =>
      (
        (await rawRpcFromPage(counter, { id: 'find', method: 'cases.find', input: { reference: receiptQr } })) as {
          value?: { caseNumber: string | null; stage: string };
        }
      ).value;
    await expect.poll(async () => (await found())?.caseNumber ?? null, { timeout: 20_000 }).not.toBeNull();
    caseNumber = (await found())!.caseNumber!;
    for (let step = 0; step < 10; step++) {
      const response = await fetch(`${demo.platform.url}/api/v1/admin/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-platform-admin-token' },
        body: JSON.stringify({ caseNumber }),
      });
      if (!response.ok) break;
    }
    await expect.poll(async () => (await found())?.stage, { timeout: 20_000 }).toBe('completed');
  });

  await test.step('出件 at 综合出件 (window 9) from the receipt’s QR and the applicant’s card', async () => {
    const desk = await open(browser, urlOf('counter-02', 'counter'), SCREEN, 'desk');
    const login = desk.getByRole('form', { name: /工作人员登录/ });
    await login.getByLabel(/工号/).fill('c002');
    await login.getByLabel(/密码/).fill('1357');
    await login.getByRole('button', { name: '登录', exact: true }).click();
    await expect(desk.getByText('工作人员 李敏（c002）')).toBeVisible();
    // The ticket transferred here is called at this window.
    await desk.getByRole('button', { name: /^叫号/ }).click();
    await expect(desk.getByTestId('current-ticket')).toContainText('A003');

    const scan = desk.getByRole('form', { name: /模拟扫码/ });
    await scan.getByLabel(/扫码内容/).fill(receiptQr);
    await scan.getByRole('button', { name: '扫码', exact: true }).click();
    const pickup = desk.getByRole('region', { name: /^出件$/ });
    await expect(pickup.getByLabel(/回执二维码/)).toHaveValue(receiptQr);
    await placeCard(desk, 'resident');
    const before = (await printed('counter-02')).length;
    await pickup.getByRole('button', { name: /出件/ }).click();
    await expect(pickup.getByTestId('pickup-done')).toContainText(caseNumber);
    const slip = await nextSlip('counter-02', before, '出件单');
    expect(slip).toContain('张*试');
    await removeCard(desk);
    await desk.getByRole('button', { name: /^办结/ }).click();
    await expectNoSeriousAxeViolations(desk);
  });

  await test.step('progress at the kiosk with the receipt’s number and check code', async () => {
    // The receipt prints its 受理编号 big, on the line under its title, and its 查询码 under it.
    const number = /受理编号\n\[[^\]]*\] (.+)/.exec(receipt)![1]!;
    const checkCode = /查询码 +(\d{6})/.exec(receipt)![1]!;
    await kiosk.locator('button[data-screen="progress"]').click();
    await kiosk.locator('.keyboard-field-input').fill(number);
    await kiosk.getByRole('button', { name: '下一步', exact: true }).click();
    await kiosk.getByLabel(/查询码/).fill(checkCode);
    await kiosk.getByRole('button', { name: '查询', exact: true }).click();
    const results = kiosk.getByTestId('progress-results');
    await expect(results).toContainText(caseNumber);
    await expect(results).toContainText('已出件', { timeout: 20_000 });
    await expect(kiosk.locator('body')).not.toContainText('430602199003071231');
  });

  await test.step('the day’s statistics are what the morning did', async () => {
    const stats = await hallStats();
    // Called: A001, A002, A003 (then transferred), A004 at window 3 and A003 again at window 9; served: all
    // but the transferred call; B001 still waits. One rating, A001's.
    expect(stats.totals).toMatchObject({ issued: issued.length, called: 5, served: 4, noShow: 0, transferredOut: 1 });
    // A ticket sent to window 9 joins the queue that window calls (综合出件), where its second call counts.
    expect(stats.byQueue.find((row) => row.key === 'comprehensive')).toMatchObject({ issued: 4, called: 4, served: 3, transferredOut: 1 });
    expect(stats.byQueue.find((row) => row.key === 'pickup')).toMatchObject({ issued: 0, called: 1, served: 1, transferredIn: 1 });
    expect(stats.byQueue.find((row) => row.key === 'real-estate')).toMatchObject({ issued: 1, called: 0 });
    expect(stats.byWindow.find((row) => row.key === '3')).toMatchObject({ called: 4, served: 3, transferredOut: 1 });
    expect(stats.byWindow.find((row) => row.key === '9')).toMatchObject({ called: 1, served: 1, transferredOut: 0 });
    expect(stats.byClerk.find((row) => row.key === 'c001')).toMatchObject({ called: 4, served: 3, transferredOut: 1 });
    expect(stats.byClerk.find((row) => row.key === 'c002')).toMatchObject({ called: 1, served: 1 });
    expect(stats.evaluations.count).toBe(1);
  });

  await test.step('no page logged an error; axe finds nothing serious', async () => {
    for (const page of [kiosk, counter, customer, board, phone]) await expectNoSeriousAxeViolations(page);
    expect(pageErrors).toEqual([]);
  });
});
