/**
 * How the end-to-end tests and the benches start Debian's Chromium (Playwright's own browser download is
 * not reachable here), with the flags that keep it from calling out or waiting on a first run.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Chromium's fake camera playing a y4m file (tests/e2e/fake-camera.ts writes one), with no permission prompt. */
export const fakeCameraArgs = (y4m: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];
