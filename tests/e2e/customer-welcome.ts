import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';
import { rawRpcFromPage } from './rpc-from-page.js';

/** The applicant's screen back at welcome, a rating the last service left (from another test) skipped. */
export async function atWelcome(customer: Page) {
  await expect
    .poll(async () => {
      const view = await customer.locator('[data-view]').getAttribute('data-view');
      if (view === 'rating') await rawRpcFromPage(customer, { id: 'skip', method: 'customer.skipRating', input: {} });
      return view;
    })
    .toBe('welcome');
}
