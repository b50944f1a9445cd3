import { expect, test } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';
import { pageUrl } from './urls.js';

for (const [width, height] of [
  [1920, 1080],
  [3840, 2160],
] as const) {
  test(`the board fits a ${width}×${height} screen with every queue of the hall, without scrolling`, async ({ newPage }) => {
    const board = await newPage();
    await board.setViewportSize({ width, height });
    await board.goto(pageUrl('board'));
    const snapshot = (await rawRpcFromPage(board, { id: 's', method: 'hall.snapshot', input: {} })) as {
      value: { queues: { name: string }[] };
    };
    const queues = snapshot.value.queues;
    expect(queues.length).toBeGreaterThan(10);
    await expect(board.locator('.board-cell')).toHaveCount(queues.length);
    for (const queue of queues)
      await expect(board.locator('.board-cell').filter({ hasText: queue.name }).first()).toBeInViewport({ ratio: 1 });
    const extent = await board.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    }));
    expect(extent.height).toBeLessThanOrEqual(height);
    expect(extent.width).toBeLessThanOrEqual(width);
  });
}
