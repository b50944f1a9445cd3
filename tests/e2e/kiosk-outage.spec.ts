import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('取号 opened during a hall outage tells the citizen in plain words, and recovers by itself when the hall is back', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(screenUrl('kiosk'));
  await expect(page.locator('[data-hall="online"]')).toBeVisible({ timeout: 15_000 });

  await killHall();
  await page.locator('button[data-screen="take"]').click();
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('暂时连接不上服务');
  const shown = await page.locator('body').innerText();
  expect(shown).not.toMatch(/127\.0\.0\.1|https?:\/\/|UNAVAILABLE|TIMEOUT/);
  await expect(page.locator('button[data-queue]')).toHaveCount(0);

  await startHallAgain();
  await expect(page.locator('button[data-queue="comprehensive"]')).toBeVisible({ timeout: 20_000 });
  await expect(problem).toHaveCount(0);
  await expect(page.locator('[data-hall="online"]')).toBeVisible();
  await page.locator('button[data-queue="comprehensive"]').click();
  await expect(page.getByTestId('ticket-number')).toHaveText(/^A\d{3}$/);
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
  await expect(notice).toContainText('叫号、重呼、办结等要等大厅恢复后才能操作');
  await expect(callNext).toBeDisabled();
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
  await callNext.click();
  await expect(counter.getByText(/已呼叫 [A-Z]\d{3}|当前没有等候的群众/)).toBeVisible();
});
