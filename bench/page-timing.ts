import type { Page } from '@playwright/test';

/**
 * From a touch to the next screen painted: the page clicks the target itself and waits, frame by
 * frame, until the new screen's element is in the DOM (holding `text`, if given), then for the frame
 * that paints it.
 */
export async function touchToScreen(page: Page, target: string, shown: string, text = ''): Promise<number> {
  // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
  return page.evaluate(`new Promise((resolve, reject) => {
    const button = document.querySelector(${JSON.stringify(target)});
    if (!button) return reject(new Error('nothing to touch at ' + ${JSON.stringify(target)}));
    const t0 = performance.now();
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.click();
    const check = () => {
      if (document.querySelector(${JSON.stringify(shown)})?.textContent.includes(${JSON.stringify(text)})) requestAnimationFrame(() => resolve(performance.now() - t0));
      else if (performance.now() - t0 > 5000) reject(new Error(${JSON.stringify(shown)} + ' did not appear'));
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

/**
 * Touches the target from inside the page and gives the moment of the touch on the machine's clock
 * (epoch milliseconds), to set against what another process wrote later: a file's modification time.
 */
export async function touchAt(page: Page, target: string): Promise<number> {
  return page.evaluate(`(() => {
    const button = document.querySelector(${JSON.stringify(target)});
    if (!button) throw new Error('nothing to touch at ' + ${JSON.stringify(target)});
    const at = performance.timeOrigin + performance.now();
    button.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    button.click();
    return at;
  })()`);
}
