import type { Page } from '@playwright/test';

/** A few strokes on the applicant's signature pad with the mouse, as a finger would draw them. */
export async function sign(customer: Page) {
  const pad = customer.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await customer.mouse.move(box.x + 40, box.y + box.height / 2);
  await customer.mouse.down();
  for (let step = 1; step <= 12; step++) await customer.mouse.move(box.x + 40 + step * 25, box.y + box.height / 2 + (step % 2 ? 25 : -25));
  await customer.mouse.up();
}
