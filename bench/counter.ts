import { chromium } from '@playwright/test';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../scripts/demo.js';
import { startVirtualPrinter } from '../src/devices/printer/simulator.js';
import { createTerminalHost } from '../src/terminal/host.js';
import { writeFakeCamera } from '../tests/e2e/fake-camera.js';
import { acceptCaseFromPages, rawRpcFromPage } from '../tests/e2e/rpc-from-page.js';
import { TEST_CLERK, TEST_HALL_WITH_CLERK } from '../tests/helpers/hall-config.js';
import { pageOf } from '../tests/helpers/host.js';
import { startTestHall, testTerminalConfig } from '../tests/helpers/terminal.js';
import { touchToScreen } from './page-timing.js';
import { percentile, round, writeResults } from './results-file.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from '../tests/chromium.js';

const CARD_RUNS = 20;
const REGISTER_RUNS = 10;
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50), 1), p95: round(percentile(sorted, 95), 1), max: round(sorted.at(-1)!, 1) };
};

/**
 * 受理 with three captured pages to the receipt at the printer: the host registers the case (pages
 * already staged, applicant confirmed) and prints; timed from the call to the virtual printer's first
 * byte and to the whole receipt.
 */
async function registerToReceipt() {
  const hall = await startTestHall(TEST_HALL_WITH_CLERK);
  const printer = await startVirtualPrinter();
  const config = testTerminalConfig('counter', hall.hallUrl, hall.platformUrl, {
    idcard: { kind: 'simulated' },
    printer: { url: printer.url, profile: '80mm-gb18030' },
  });
  const host = createTerminalHost({ config, version: 'bench' });
  host.start();
  const clerk = pageOf(host, 'operator');
  const customer = pageOf(host, 'customer');
  const firstByte: number[] = [];
  const wholeReceipt: number[] = [];
  try {
    await clerk.invoke('counter.login', { clerkId: TEST_CLERK.id, pin: TEST_CLERK.pin });
    for (let run = 0; run <= REGISTER_RUNS; run++) {
      const files = [];
      for (let page = 0; page < 3; page++)
        files.push(await clerk.invoke('cases.putMaterial', { data: randomBytes(300 * 1024).toString('base64'), mediaType: 'image/jpeg' }));
      await clerk.invoke('idcard.simulate', { sample: run % 2 ? 'resident' : 'resident-tujia-longterm' });
      for (let tries = 0; ; tries++) {
        const read = await clerk.invoke('intake.readCard', { as: 'applicant' }).catch(() => null);
        if (read) break;
        if (tries > 300) throw new Error('the simulated card was never read');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await clerk.invoke('intake.review', {
        itemName: '不动产登记（转移登记）',
        materials: [{ name: '买卖合同', form: '原件', count: 1 }],
        fields: [],
      });
      await customer.invoke('customer.confirm', {
        strokes: [
          [
            [1, 1, 0],
            [20, 20, 16],
          ],
        ],
        png: ONE_PIXEL_PNG,
      });
      const t0 = performance.now();
      let firstAt = 0;
      const offBytes = printer.on('bytes', () => (firstAt ||= performance.now()));
      const printed = new Promise<number>((resolve) => {
        const off = printer.on('job', (job) => {
          if (job.transcript.includes('受理回执')) {
            off();
            resolve(performance.now());
          }
        });
      });
      await clerk.invoke('intake.submit', {
        requestId: randomUUID(),
        itemCode: '11440300007542037X4440117009000',
        itemName: '不动产登记（转移登记）',
        caseType: '2',
        promisedDays: 5,
        applicant: { from: 'card' },
        materials: [{ name: '买卖合同', received: true, form: 'original', count: 1, files }],
      });
      const doneAt = await printed;
      offBytes();
      if (run === 0) continue;
      firstByte.push(firstAt - t0);
      wholeReceipt.push(doneAt - t0);
    }
  } finally {
    await host.stop();
    await printer.close();
    await hall.close();
  }
  return { firstByteMs: stats(firstByte), wholeReceiptMs: stats(wholeReceipt) };
}

/**
 * In Chromium on the demo hall: reading the card into the intake (from the card on screen — the reader
 * has answered — to the applicant and the form shown), and the long tasks of the counter page while
 * it captures pages with the camera and cases are synced.
 */
async function counterPage() {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bench-counter-'));
  const camera = join(dataDir, 'camera.y4m');
  writeFakeCamera(camera, 2.55);
  const demo = await startDemo({ dataDir, freePrinterPorts: true });
  const { counter: counterUrl, customer: customerUrl } = demo.terminals
    .map((terminal) => terminal.server.urls)
    .find((urls) => urls.counter)! as Record<'counter' | 'customer', string>;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeCameraArgs(camera)],
  });
  const cardToForm: number[] = [];
  let longTasks: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(
      `window.__longTasks = []; new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: true });`,
    );
    await page.goto(counterUrl);
    const customer = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await customer.goto(customerUrl);
    const login = page.getByRole('form', { name: /工作人员登录/ });
    await login.getByLabel(/工号/).fill('c001');
    await login.getByLabel(/密码/).fill('2468');
    await login.getByRole('button', { name: '登录 Log in', exact: true }).click();
    await page.getByText('工作人员 王晓').waitFor();

    const intake = page.getByRole('region', { name: /^受理 Intake/ });
    await intake.getByLabel(/搜索事项/).fill('租房提取');
    await intake.getByRole('button', { name: /住房公积金提取（租赁住房）/ }).click();
    await intake.getByRole('button', { name: '未备案' }).click();
    await intake.getByTestId('intake-materials').waitFor();
    const reader = page.getByRole('region', { name: /身份证/ });
    const samples = [
      { sample: 'resident', masked: '张*试' },
      { sample: 'resident-tujia-longterm', masked: '李*例' },
    ];
    for (let run = 0; run <= CARD_RUNS; run++) {
      const { sample, masked } = samples[run % 2]!;
      await reader.getByRole('button', { name: sample, exact: true }).click();
      await page.getByTestId('idcard-card').filter({ hasText: masked }).waitFor();
      const elapsed = await touchToScreen(page, 'button[data-shortcut="F6"]', '[data-testid="intake-applicant"]', masked);
      if (run > 0) cardToForm.push(elapsed);
    }

    await page.evaluate('window.__longTasks.length = 0');
    const capture = page.getByRole('region', { name: /材料采集/ });
    await capture
      .locator('video')
      .evaluate(
        (video: HTMLVideoElement) =>
          new Promise((resolve) => (video.readyState >= 3 ? resolve(null) : video.addEventListener('canplay', resolve, { once: true }))),
      );
    for (let run = 0; run < 3; run++) {
      await acceptCaseFromPages(page, customer, `压测${run}`);
      await capture.getByTestId('camera-capture').click();
      await capture.getByTestId('crop-confirm').click();
      await capture.getByTestId('captured-page').nth(run).waitFor();
    }
    await capture.getByRole('button', { name: /保存材料/ }).click();
    await capture.getByTestId('material-saved').waitFor();
    const cases = page.getByRole('region', { name: /办件与同步/ });
    await cases.getByTestId('sync-state').filter({ hasText: '待同步 0' }).waitFor({ timeout: 30_000 });
    await rawRpcFromPage(page, { id: 'state', method: 'sync.state', input: {} });
    longTasks = (await page.evaluate('window.__longTasks')) as number[];
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    cardToFormMs: stats(cardToForm),
    longTasks: {
      count: longTasks.length,
      over100ms: longTasks.filter((ms) => ms > 100).length,
      maxMs: round(Math.max(0, ...longTasks), 1),
    },
  };
}

/** The counter's targets: card to form, 受理 to the receipt, and a page that never freezes. */
export async function benchCounter(): Promise<string> {
  const receipt = await registerToReceipt();
  const page = await counterPage();
  return writeResults('counter', { ...page, registerToReceipt: receipt }, [
    { figure: 'cardToFormMs.p95', limit: 300, unit: 'ms', met: page.cardToFormMs.p95 <= 300 },
    { figure: 'registerToReceipt.firstByteMs.max', limit: 1000, unit: 'ms', met: receipt.firstByteMs.max <= 1000 },
    {
      figure: 'longTasks.over100ms',
      limit: 0,
      unit: 'long tasks over 100 ms during capture and sync (at most)',
      met: page.longTasks.over100ms === 0,
    },
  ]);
}
