import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemo } from '../scripts/demo.js';
import { percentile, round, writeResults } from './results-file.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';

const RUNS = 30;

/**
 * Kiosk cold start to interactive: a fresh browser context (empty cache) navigates to the kiosk and
 * waits until its home can be used: the page loaded, connected to its host and knows its hall.
 */
export async function benchRendererColdStart(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-bench-'));
  const demo = await startDemo({ dataDir, freePrinterPorts: true });
  const kioskUrl = demo.terminals.map((terminal) => terminal.server.urls.kiosk).find(Boolean)!;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(kioskUrl);
      await page.locator('button[data-screen]').first().waitFor();
      await page.locator('.connection-ok').waitFor();
      const elapsed = performance.now() - t0;
      if (run > 0) times.push(elapsed);
      await context.close();
    }
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const figures = {
    runs: RUNS,
    unit: 'ms',
    p50: round(percentile(times, 50), 1),
    p95: round(percentile(times, 95), 1),
    max: round(times.at(-1)!, 1),
  };
  return writeResults('renderer-cold-start', figures, [{ figure: 'p95', limit: 1000, unit: 'ms', met: figures.p95 <= 1000 }]);
}
