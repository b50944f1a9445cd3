import { expect, test } from './fixtures.js';
import { openKiosk, pageUrl } from './urls.js';

/** A number taken with an ID card: the card's name and number must not reach the board, any URL or any title. */
test('nothing personal reaches the board, the URLs or the window titles', async ({ newPage }) => {
  const kiosk = await newPage();
  const board = await newPage();
  await openKiosk(kiosk, 'take');
  await board.goto(pageUrl('board'));
  const panel = kiosk.getByRole('region', { name: /身份证/ });
  await panel.getByRole('button', { name: 'resident', exact: true }).click();
  await expect(kiosk.getByTestId('idcard-card')).toContainText('张*试');
  await kiosk.locator('button[data-queue="tax"]').click();
  const number = (await kiosk.getByTestId('ticket-number').textContent())!;
  await expect(board.locator('body')).toContainText(/等候|Waiting/);

  for (const page of [kiosk, board]) {
    const text = await page.locator('body').innerText();
    expect(text).not.toContain('张测试');
    expect(text).not.toContain('430602199003071231');
    expect(page.url()).not.toMatch(/430602|%E5%BC%A0/);
    expect(await page.title()).not.toMatch(/张|430602/);
  }
  expect(number).toMatch(/^C\d{3}$/);
  await kiosk.getByRole('button', { name: /完成/ }).click();
  await kiosk.locator('button[data-screen="take"]').click();
  await panel.getByRole('button', { name: /取走/ }).click();
});
