import type { Page } from '../../src/shared/roles.js';

/** The page URLs (with their role tokens) of the demo hall that global-setup started. */
export function pageUrl(page: Page): string {
  const urls = JSON.parse(process.env.ONEWINDOW_E2E_URLS ?? '{}') as Partial<Record<Page, string>>;
  const url = urls[page];
  if (!url) throw new Error(`no ${page} page in the demo hall; did global-setup run?`);
  return url;
}
