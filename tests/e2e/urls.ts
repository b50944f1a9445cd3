import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '../../src/shared/roles.js';

/**
 * The page URLs (with their role tokens) of the demo hall that global-setup started: of the usual
 * terminal for the page (the counter is counter-03), or of the terminal named.
 */
export function pageUrl(page: Page, terminalId?: string): string {
  const urls = terminalId
    ? ((JSON.parse(process.env.ONEWINDOW_E2E_TERMINAL_URLS ?? '{}') as Record<string, Partial<Record<Page, string>>>)[terminalId] ?? {})
    : (JSON.parse(process.env.ONEWINDOW_E2E_URLS ?? '{}') as Partial<Record<Page, string>>);
  const url = urls[page];
  if (!url) throw new Error(`no ${page} page${terminalId ? ` of ${terminalId}` : ''} in the demo hall; did global-setup run?`);
  return url;
}

/**
 * The back office takes a case to 办结 (分件, 转交, 审核, 决定, 办结), as the reference platform's admin,
 * one step at a time until the platform says there is no next step: the demo's own back office moves
 * cases on too (autoAdvanceSeconds), so how many steps are left is not known in advance.
 */
export async function completeOnPlatform(caseNumber: string): Promise<void> {
  for (let step = 0; step < 10; step++) {
    const response = await fetch(`${process.env.ONEWINDOW_E2E_PLATFORM}/api/v1/admin/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-platform-admin-token' },
      body: JSON.stringify({ caseNumber }),
    });
    if (response.ok) continue;
    const text = await response.text();
    if (response.status === 409 && text.includes('STAGE_CONFLICT')) return;
    throw new Error(`advance ${caseNumber}: HTTP ${response.status} ${text}`);
  }
  throw new Error(`case ${caseNumber} was not completed after 10 steps`);
}

/** What a terminal's virtual printer has printed so far, one transcript per job. */
export async function printedTranscripts(terminalId: string): Promise<string[]> {
  const dir = join(process.env.ONEWINDOW_E2E_DATA ?? '', 'printers', terminalId);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith('.txt')).sort();
  return Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')));
}

/** The kiosk opened on one of its screens, as a citizen gets there: home, then a tile. */
export async function openKiosk(
  page: import('@playwright/test').Page,
  screen: 'take' | 'checkIn' | 'guide' | 'fill' | 'progress',
): Promise<void> {
  await page.goto(pageUrl('kiosk'));
  await page.locator(`button[data-screen="${screen}"]`).click();
}

/** From the kiosk's home, its form of 住房公积金单位缴存登记, past its materials: it asks a name, a code and a sum. */
export async function openUnitRegistrationForm(page: import('@playwright/test').Page): Promise<void> {
  await page.locator('button[data-screen="fill"]').click();
  await page.locator('.keyboard-field-input').fill('单位缴存登记');
  await page
    .getByTestId('catalog-hits')
    .getByRole('button', { name: /住房公积金单位缴存登记/ })
    .click();
  await page.getByRole('button', { name: /开始填表/ }).click();
}
