import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildService, type ChildService } from '../../scripts/child-service.js';
import { startDemo, type Demo } from '../../scripts/demo.js';
import { expect, test } from './fixtures.js';

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

/** The hall server killed outright: an outage, not a graceful stop. */
async function killHall(): Promise<void> {
  const exited = new Promise((resolve) => demo.hall.process.once('exit', resolve));
  demo.hall.process.kill('SIGKILL');
  await exited;
}

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
  const kioskUrl = demo.terminals.map((terminal) => terminal.server.urls.kiosk).find(Boolean)!;
  await page.goto(kioskUrl);
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
