import type { Page } from '@playwright/test';
import { logIn } from './counter-login.js';
import { expect, test } from './fixtures.js';
import { pageUrl } from './urls.js';

/**
 * Passes the page's RPC through, but while `broken.on` answers `method` with data of the wrong shape,
 * as a host of another version might; every message the page sends is kept.
 */
async function tamperWith(page: Page, method: string, breakValue: (value: Record<string, unknown>) => unknown) {
  const broken = { on: true };
  const sent: { method?: string; input?: unknown }[] = [];
  await page.routeWebSocket(/\/rpc\?token=/, (ws) => {
    const server = ws.connectToServer();
    const asked = new Set<unknown>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: unknown; method?: string; input?: unknown };
      sent.push(request);
      if (request.method === method) asked.add(request.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const reply = JSON.parse(String(message)) as { id?: unknown; ok?: boolean; value?: Record<string, unknown> };
      if (broken.on && reply.ok && asked.has(reply.id)) return ws.send(JSON.stringify({ ...reply, value: breakValue(reply.value!) }));
      ws.send(message);
    });
  });
  return { broken, sent };
}

test('a panel that fails to render says which part failed, the rest of the counter keeps working, and the part can be reloaded', async ({
  newPage,
}) => {
  const counter = await newPage();
  const { broken, sent } = await tamperWith(counter, 'hall.snapshot', (value) => ({ ...value, windows: 42 }));
  await counter.goto(pageUrl('counter'));

  const failed = counter.locator('[data-failed-part="叫号"]');
  await expect(failed).toContainText('“叫号”部分出错');
  await counter.getByRole('button', { name: '为群众取帮办代办号' }).click();
  await expect(counter.getByRole('status').filter({ hasText: '已取号' })).toBeVisible();
  await expect(counter.getByRole('region', { name: /^受理$/ })).toBeVisible();
  await expect
    .poll(() => sent.some((request) => request.method === 'system.pageError' && (request.input as { part: string }).part === '叫号'))
    .toBe(true);

  broken.on = false;
  await failed.getByRole('button', { name: /重新加载/ }).click();
  await expect(counter.getByTestId('current-ticket')).toBeVisible();
  await logIn(counter);
});

test('the board keeps calling when its waiting counts fail to render', async ({ newPage }) => {
  const board = await newPage();
  await tamperWith(board, 'hall.snapshot', (value) => ({ ...value, queues: 42 }));
  await board.goto(pageUrl('board'));
  await expect(board.locator('[data-failed-part="等候人数"]')).toBeVisible();
  await expect(board.getByTestId('board-call')).toBeVisible();
  await expect(board.locator('[data-window="3"]')).toBeVisible();
});
