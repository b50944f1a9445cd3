import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs } from './tests/chromium.js';

/** End-to-end tests in browser mode, on Debian's Chromium (Playwright's own browser download is not reachable here). */
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // The document camera: Chromium's fake device plays the y4m global-setup writes.
      args: [...CHROMIUM_ARGS, '--disable-quic', ...fakeCameraArgs(join(tmpdir(), 'onewindow-fake-camera.y4m'))],
    },
  },
});
