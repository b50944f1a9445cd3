import { expect, test } from './fixtures.js';
import { openKiosk, pageUrl } from './urls.js';

test('the board, a terminal of its own, follows the waiting count when a kiosk issues a number', async ({ newPage }) => {
  const board = await newPage();
  const kiosk = await newPage();
  await board.goto(pageUrl('board'));
  await openKiosk(kiosk, 'take');
  const taxCell = board.locator('.board-cell', { hasText: '税务' }).locator('.board-waiting');
  await expect(taxCell).toHaveText(/^\d+$/);
  const before = Number(await taxCell.textContent());

  await kiosk.locator('button[data-queue="tax"]').click();
  await expect(kiosk.getByTestId('ticket-number')).toHaveText(/^C\d{3}$/);
  await expect(taxCell).toHaveText(String(before + 1), { timeout: 10_000 });
});
