import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { startChildService, type ChildService } from '../../scripts/child-service.js';
import { startDemo, type Demo } from '../../scripts/demo.js';
import { logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { saveScreen } from './screenshots.js';

/**
 * A hall of its own for this file: its hall server is stopped and started again, which the other
 * specs' shared hall must not see.
 */
let demo: Demo;
let dataDir: string;
let restarted: ChildService | undefined;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dataDir = mkdtempSync(join(tmpdir(), 'onewindow-outage-'));
  // The outage is this test's own: it kills the hall and starts it again itself.
  demo = await startDemo({ dataDir, freePrinterPorts: true, restartHallOnExit: false });
});

test.afterAll(async () => {
  // The terminals first: a hall server stops once no terminal holds its event stream.
  await demo.stop();
  await restarted?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The hall server killed outright: an outage, not a graceful stop (the one started again, after the first). */
async function killHall(): Promise<void> {
  const hall = (restarted ?? demo.hall).process;
  const exited = new Promise((resolve) => hall.once('exit', resolve));
  hall.kill('SIGKILL');
  await exited;
}

/** The text of every slip the terminal's virtual printer printed. */
const slipsOf = (terminalId: string) => {
  const dir = join(dataDir, 'printers', terminalId);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((file) => file.endsWith('.txt'))
        .map((file) => readFileSync(join(dir, file), 'utf8'))
    : [];
};

/** Leases of numbers the kiosk holds, as its own database has them. */
function leasesOf(terminalId: string): number {
  const db = new Database(join(dataDir, 'terminals', terminalId, 'terminal.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ticket_leases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const screenUrl = (page: 'kiosk' | 'counter' | 'board') => demo.terminals.map((terminal) => terminal.server.urls[page]).find(Boolean)!;

/** The hall server started again on its old port and database, as an administrator would. */
async function startHallAgain(): Promise<void> {
  const port = new URL(demo.hall.url).port;
  restarted = await startChildService(
    'hall server',
    'src/hall/cli.ts',
    ['--config', demo.hallConfigFile, '--db', join(dataDir, 'hall.db'), '--key-file', join(dataDir, 'demo-hall.key'), '--port', port],
    join(dataDir, 'logs', 'hall-restarted.log'),
  );
}

test('取号 during a hall outage gives an offline number, marked so on screen and slip, and the hall takes it in when it is back', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await page.goto(screenUrl('kiosk'));
  await expect(page.locator('[data-hall="online"]')).toBeVisible({ timeout: 15_000 });
  // The kiosk holds its lease of numbers a moment after it reaches the hall.
  await expect.poll(() => leasesOf('kiosk-01'), { timeout: 15_000 }).toBeGreaterThan(0);

  // The citizen is already choosing when the hall goes: the page switches to the lease's numbers by itself.
  await page.locator('button[data-screen="take"]').click();
  await expect(page.locator('button[data-queue="comprehensive"]')).toContainText('等候');
  await killHall();
  await expect(page.locator('[data-hall="offline"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('take-offline')).toContainText('现在取的是离线号', { timeout: 10_000 });
  const queue = page.locator('button[data-queue="comprehensive"]');
  await expect(queue).toContainText('离线取号');
  // A queue that needs the hall to check the card stays on the screen, closed, saying where to go.
  const closed = page.locator('button[data-queue="real-estate"]');
  await expect(closed).toBeDisabled();
  await expect(closed).toContainText('暂不能离线取号');
  await saveScreen(page, 'kiosk-offline-queues');
  const shown = await page.locator('body').innerText();
  expect(shown).not.toMatch(/127\.0\.0\.1|https?:\/\/|UNAVAILABLE|TIMEOUT/);
  await queue.click();
  const number = page.getByTestId('ticket-number');
  await expect(number).toHaveText(/^A\d{3}$/);
  await expect(page.getByTestId('ticket-offline')).toHaveText('离线取号');
  await saveScreen(page, 'kiosk-offline-ticket');
  const ticketNumber = (await number.textContent())!;
  await expect.poll(() => slipsOf('kiosk-01').find((slip) => slip.includes(ticketNumber)) ?? '').toContain('【离线取号】');

  // 预约签到 needs the hall to find the booking: offline it says so and sends the citizen to an offline number.
  await page.getByRole('button', { name: /完成|Done/ }).click();
  await page.locator('button[data-screen="checkIn"]').click();
  await expect(page.getByTestId('checkin-offline')).toContainText('预约现在无法核验');
  await page.getByTestId('checkin-offline').getByRole('button', { name: '去取号' }).click();
  await expect(page.getByTestId('take-offline')).toBeVisible();

  await startHallAgain();
  await expect(page.locator('[data-hall="online"]')).toBeVisible({ timeout: 20_000 });
  await page.locator('.kiosk-bar-button').first().click();
  await page.locator('button[data-screen="take"]').click();
  // The offline number is in line at the hall: 综合一窗 has one waiting.
  await expect(page.locator('button[data-queue="comprehensive"]')).toContainText('等候 1 人', { timeout: 20_000 });
  await expect(page.getByTestId('take-offline')).toHaveCount(0);
});

test('during a hall outage the counter says calling waits for the hall, and the board keeps its last state and says it is reconnecting', async ({
  newPage,
}) => {
  test.setTimeout(90_000);
  const counter = await newPage();
  await counter.setViewportSize({ width: 1920, height: 1080 });
  await counter.goto(screenUrl('counter'));
  await logIn(counter);
  const board = await newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await board.goto(screenUrl('board'));
  await expect(board.locator('[data-hall="online"]')).toBeVisible({ timeout: 15_000 });
  const tax = board.locator('.board-cell', { hasText: '税务' });
  await expect(tax).toBeVisible();
  const callNext = counter.locator('button[data-shortcut="F1"]');
  await expect(callNext).toBeEnabled();

  await killHall();
  const notice = counter.getByTestId('hall-offline');
  await expect(notice).toContainText('叫号、重呼、办结、代取号等要等大厅恢复后才能操作');
  await expect(callNext).toBeDisabled();
  await expect(counter.getByRole('button', { name: /为群众取/ }).first()).toBeDisabled();
  await counter.keyboard.press('F1');
  await expect(counter.getByText(/已呼叫/)).toHaveCount(0);
  const outage = board.getByTestId('board-outage');
  await expect(outage).toContainText(/正在重新连接大厅…… 以下是 \d\d:\d\d 的叫号信息/);
  await expect(tax).toBeVisible();
  await saveScreen(board, 'board-hall-outage');
  await saveScreen(counter, 'counter-hall-outage');

  await startHallAgain();
  await expect(outage).toHaveCount(0, { timeout: 20_000 });
  await expect(notice).toHaveCount(0);
  await expect(counter.getByRole('button', { name: /为群众取/ }).first()).toBeEnabled();
  await callNext.click();
  await expect(counter.getByText(/已呼叫 [A-Z]\d{3}|当前没有等候的群众/)).toBeVisible();
});
