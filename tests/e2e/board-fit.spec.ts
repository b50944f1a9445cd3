import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageOverflow, seriousViolations } from './screen-checks.js';
import { saveScreen } from './screenshots.js';
import { pageUrl } from './urls.js';
import { callAtWindow3, counterRpc } from './window-rpc.js';

const SCREENS = [
  [1920, 1080],
  [3840, 2160],
] as const;

/** A text's font size as a share of the screen's height: what decides whether it is read from ten metres. */
const heightShare = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => parseFloat(getComputedStyle(element).fontSize) / window.innerHeight);

/**
 * Every element of `selector` lies wholly on the screen, looked at in one moment (a page may turn at any
 * time), once the board has laid out what it has just been sent.
 */
async function allInView(page: Page, selector: string) {
  const outside = () =>
    page.evaluate(
      (cells) =>
        Array.from(document.querySelectorAll(cells))
          .filter((cell) => {
            const box = cell.getBoundingClientRect();
            return box.width === 0 || box.left < 0 || box.top < 0 || box.right > window.innerWidth || box.bottom > window.innerHeight;
          })
          .map((cell) => cell.textContent),
      selector,
    );
  await expect.poll(outside).toEqual([]);
}

/**
 * The board's snapshot answered for a hall far bigger than the demo's: `queues` queues and `windows`
 * windows, as another hall's server would send it (the page's own requests pass through).
 */
async function aBigHall(page: Page, queues: number, windows: number) {
  await page.routeWebSocket(/\/rpc\?token=/, (ws) => {
    const server = ws.connectToServer();
    const snapshots = new Set<unknown>();
    ws.onMessage((message) => {
      const request = JSON.parse(String(message)) as { id: unknown; method?: string };
      if (request.method === 'hall.snapshot') snapshots.add(request.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const reply = JSON.parse(String(message)) as { id?: unknown; ok?: boolean; value?: Record<string, unknown> };
      if (!reply.ok || !snapshots.has(reply.id)) return ws.send(message);
      const value = {
        ...reply.value,
        queues: Array.from({ length: queues }, (_, index) => ({
          id: `q${index}`,
          prefix: String.fromCharCode(65 + (index % 26)),
          name: `第${index + 1}号综合事项专区`,
          waiting: index,
        })),
        windows: Array.from({ length: windows }, (_, index) => ({
          number: index + 1,
          name: `综合受理第${index + 1}组`,
          paused: index % 7 === 3,
          clerk: null,
          current: null,
          parked: [],
        })),
      };
      ws.send(JSON.stringify({ ...reply, value }));
    });
  });
}

for (const [width, height] of SCREENS) {
  test(`the board fits a ${width}×${height} screen with every queue of the hall, readable from ten metres`, async ({ newPage }) => {
    test.setTimeout(90_000);
    const counter = await newPage();
    await counter.goto(pageUrl('counter'));
    // Two calls: the one before is listed under the one being made.
    await callAtWindow3(counter);
    const called = await callAtWindow3(counter);
    const board = await newPage();
    await board.setViewportSize({ width, height });
    await board.goto(pageUrl('board'));
    await expect(board.getByTestId('board-call')).toContainText(called.ticketNumber);
    const snapshot = (await rawRpcFromPage(board, { id: 's', method: 'hall.snapshot', input: {} })) as {
      value: { queues: { name: string }[]; windows: unknown[] };
    };
    const { queues, windows } = snapshot.value;
    expect(queues.length).toBeGreaterThan(10);
    await expect(board.locator('.board-cell')).toHaveCount(queues.length);
    await expect(board.locator('[data-window]')).toHaveCount(windows.length);
    await expect(board.getByTestId('board-page')).toHaveCount(0);
    for (const queue of queues)
      await expect(board.locator('.board-cell').filter({ hasText: queue.name }).first()).toBeInViewport({ ratio: 1 });
    await allInView(board, '[data-window]');
    await allInView(board, '[data-testid="board-recent"] li');
    await expect(board.locator('.board-call-number')).toBeInViewport({ ratio: 1 });
    expect(await pageOverflow(board)).toEqual({ x: 0, y: 0 });

    // Readable across the hall: the call's number a fifth of the screen's height, counts and tickets several percent.
    expect(await heightShare(board, '.board-call-number')).toBeGreaterThan(0.15);
    expect(await heightShare(board, '.board-call-window strong')).toBeGreaterThan(0.05);
    expect(await heightShare(board, '.board-previous-number')).toBeGreaterThan(0.04);
    expect(await heightShare(board, '.board-waiting')).toBeGreaterThan(0.04);
    expect(await heightShare(board, '.board-window-ticket')).toBeGreaterThan(0.03);
    expect(await heightShare(board, '.board-name')).toBeGreaterThan(0.025);
    await saveScreen(board, `board-${width}x${height}`);
    await counterRpc(counter, 'counter.finish', { serviceCodes: [] });
  });

  test(`a hall of 30 queues and 24 windows pages through them on a ${width}×${height} board, cutting none off`, async ({ newPage }) => {
    test.setTimeout(90_000);
    const board = await newPage();
    await board.setViewportSize({ width, height });
    await aBigHall(board, 30, 24);
    await board.goto(pageUrl('board'));
    const queues = board.locator('.board-queues');
    await expect(queues.getByTestId('board-page')).toHaveText(/^第 1\/2 页$/);
    await allInView(board, '.board-cell');
    await allInView(board, '[data-window]');
    expect(await pageOverflow(board)).toEqual({ x: 0, y: 0 });
    // Each queue comes round: the names seen on the pages are all thirty.
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          for (const name of await board.locator('.board-name').allTextContents()) seen.add(name);
          return seen.size;
        },
        { timeout: 20_000 },
      )
      .toBe(30);
    await allInView(board, '.board-cell');
    expect(await heightShare(board, '.board-waiting')).toBeGreaterThan(0.04);
  });
}

test('a window paused at the counter is paused on the board: its call leaves the headline, and the window says 暂停服务', async ({
  newPage,
}) => {
  test.setTimeout(90_000);
  const counter = await newPage();
  const board = await newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await counter.goto(pageUrl('counter'));
  await board.goto(pageUrl('board'));
  const called = await callAtWindow3(counter);
  const headline = board.getByTestId('board-call');
  await expect(headline).toContainText(called.ticketNumber);
  await expect(headline).toContainText('3号窗口');
  try {
    await counterRpc(counter, 'counter.pause', { paused: true });
    await expect(board.locator('[data-window="3"]')).toContainText('暂停服务');
    await expect(headline).not.toContainText(called.ticketNumber);
    await expect(headline).not.toContainText('3号窗口');
    await expect(board.getByTestId('board-recent')).not.toContainText(called.ticketNumber);
    expect(await pageOverflow(board)).toEqual({ x: 0, y: 0 });
    expect(await seriousViolations(board)).toEqual([]);
    await saveScreen(board, 'board-paused');
  } finally {
    await counterRpc(counter, 'counter.pause', { paused: false });
  }
  await expect(headline).toContainText(called.ticketNumber);
  await counterRpc(counter, 'counter.finish', { serviceCodes: [] });
});

test('the board speaks the hall’s language setting: English when its address says so, Chinese otherwise', async ({ newPage }) => {
  const board = await newPage();
  await board.setViewportSize({ width: 1920, height: 1080 });
  await board.goto(`${pageUrl('board')}&lang=en`);
  await expect(board.getByRole('heading', { level: 1 })).toHaveText('Calls and queues');
  await expect(board.locator('.board-queues h2')).toContainText('People waiting');
  await expect(board.locator('html')).toHaveAttribute('lang', 'en');
  expect(await pageOverflow(board)).toEqual({ x: 0, y: 0 });
  expect(await seriousViolations(board)).toEqual([]);
  await saveScreen(board, 'board-english');
  await board.goto(pageUrl('board'));
  await expect(board.getByRole('heading', { level: 1 })).toHaveText('叫号信息');
});
