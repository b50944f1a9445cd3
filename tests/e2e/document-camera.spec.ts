import { expect, test } from '@playwright/test';
import { goToStep, logIn } from './counter-login.js';
import { CAMERA_WIDTH, PAGE, PAGE_IN_FRAME } from './fake-camera.js';
import { pageUrl } from './urls.js';

const SAMPLE = 60;

/** The page brightness on a SAMPLE-wide grid, to compare a crop with what was photographed. */
function expectedGrid(height: number): number[] {
  const grid: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < SAMPLE; x++) {
      const px = Math.floor(((x + 0.5) / SAMPLE) * PAGE.width);
      const py = Math.floor(((y + 0.5) / height) * PAGE.height);
      grid.push(PAGE.data[(py * PAGE.width + px) * 4]!);
    }
  }
  return grid;
}

test('the document camera finds the tilted page, deskews it to a small JPEG that matches the page, and saves the material as a PDF', async ({
  page,
}) => {
  await page.goto(pageUrl('counter'));
  await logIn(page);
  await goToStep(page, 3);
  const capture = page.getByRole('region', { name: /材料采集/ });
  await expect(capture.locator('video')).toHaveJSProperty('readyState', 4, { timeout: 15_000 });
  await capture.getByTestId('camera-capture').click();

  const corners = capture.getByTestId('crop-corners');
  await expect(corners).toHaveAttribute('data-found', 'true');
  const quad = JSON.parse((await corners.getAttribute('data-quad'))!) as [number, number][];
  quad.forEach(([x, y], i) => expect(Math.hypot(x - PAGE_IN_FRAME[i]!.x, y - PAGE_IN_FRAME[i]!.y)).toBeLessThan(CAMERA_WIDTH * 0.02));

  await capture.getByTestId('crop-confirm').click();
  const captured = capture.getByTestId('captured-page');
  await expect(captured).toHaveCount(1);
  const width = Number(await captured.getAttribute('data-width'));
  const height = Number(await captured.getAttribute('data-height'));
  expect(height / width).toBeCloseTo(Math.SQRT2, 2);
  expect(Number(await captured.getAttribute('data-bytes'))).toBeLessThanOrEqual(500 * 1024);

  const rows = Math.round(SAMPLE * Math.SQRT2);
  const grid = await captured.locator('img').evaluate(
    async (img: HTMLImageElement, size) => {
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = size.w;
      canvas.height = size.h;
      const context = canvas.getContext('2d')!;
      context.imageSmoothingEnabled = false;
      context.drawImage(img, 0, 0, size.w, size.h);
      const data = context.getImageData(0, 0, size.w, size.h).data;
      return Array.from({ length: size.w * size.h }, (_, i) => data[i * 4]!);
    },
    { w: SAMPLE, h: rows },
  );
  const expected = expectedGrid(rows);
  const mismatched = grid.filter((value, i) => Math.abs(value - expected[i]!) > 100).length;
  // Stated tolerance: at most 6 % of sampled points differ from the page by more than 100 of 255 (edges of text lines move a little).
  expect(mismatched / grid.length).toBeLessThan(0.06);

  await capture.getByRole('button', { name: /保存材料/ }).click();
  await expect(capture.getByTestId('material-saved')).toContainText('KB PDF');
});
