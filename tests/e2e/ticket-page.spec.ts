import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeQr } from '../helpers/decode-qr.js';
import { logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { openKiosk, pageUrl } from './urls.js';

/** What a phone reads from the QR of the slip printed for this number: null until the virtual printer (another process) has drawn the paper. */
async function scannedFromSlip(terminalId: string, number: string): Promise<string | null> {
  const dir = join(process.env.ONEWINDOW_E2E_DATA ?? '', 'printers', terminalId);
  for (const file of (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith('.txt'))) {
    if (!(await readFile(join(dir, file), 'utf8')).includes(`[center 4x4 bold] ${number}`)) continue;
    const png = join(dir, file.replace(/\.txt$/, '.png'));
    if (!existsSync(png)) return null;
    try {
      return decodeQr(png);
    } catch {
      return null;
    }
  }
  return null;
}

test("the ticket's QR opens its page on a phone, which shows the line and then the window when the counter calls the number", async ({
  browser,
  newPage,
}) => {
  // The virtual printer draws its picture of the paper (CJK shaping) seconds after the job, longer on a busy machine.
  test.setTimeout(120_000);
  const kiosk = await newPage();
  await openKiosk(kiosk, 'take');
  await kiosk.locator('button[data-queue="comprehensive"]').click();
  const number = (await kiosk.getByTestId('ticket-number').textContent())!;
  expect(number).toMatch(/^A\d{3}$/);

  // What the citizen's phone reads from the paper.
  await expect.poll(() => scannedFromSlip('kiosk-01', number), { timeout: 60_000 }).not.toBeNull();
  const url = (await scannedFromSlip('kiosk-01', number))!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/t\/[A-Za-z0-9_-]{24}$/);

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  const problems: string[] = [];
  phone.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  phone.on('pageerror', (error) => problems.push(error.message));
  await phone.goto(url);
  await expect(phone.locator('.number')).toHaveText(number);
  await expect(phone.locator('.queue')).toHaveText('综合一窗');
  await expect(phone.locator('#headline')).toContainText(/前面还有 \d+ 人/);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.screenshot({ path: 'test-results/ticket-page-waiting.png', fullPage: true });

  const counter = await newPage();
  await counter.goto(pageUrl('counter'));
  await logIn(counter);
  const current = counter.getByTestId('current-ticket');
  // Window 3 serves the comprehensive line: those before this number are called and finished first.
  for (let calls = 0; ; calls++) {
    expect(calls).toBeLessThan(60);
    await counter.getByRole('button', { name: /^叫号/ }).click();
    await expect(current).not.toContainText('当前无办理号码');
    if ((await current.textContent())!.includes(number)) break;
    await counter.getByRole('button', { name: /^办结/ }).click();
    await expect(current).toContainText('当前无办理号码');
  }

  // The page asks the hall again by itself: no reload.
  await expect(phone.locator('#headline')).toHaveText('请到 3 号窗口', { timeout: 15_000 });
  await expect(phone.locator('#lines')).toContainText('综合受理（3 号窗口）正在叫您的号码');
  await phone.screenshot({ path: 'test-results/ticket-page-called.png', fullPage: true });

  await counter.getByRole('button', { name: /^办结/ }).click();
  await expect(phone.locator('#headline')).toHaveText('已办结', { timeout: 15_000 });
  expect(problems).toEqual([]);
  await phone.context().close();
});
