import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Serious and critical findings only, each with where it is, so a failure says what to fix. Read once
 * the page's transitions have ended: a button turning from disabled to primary fades its background
 * under already-white letters, and axe caught mid-fade reports a contrast the clerk never sees.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * Every visible thing a person may touch (buttons, links, fields, the keyboard's keys) smaller than
 * `px` × `px`, named by its text so a failure says which one.
 */
export async function smallTargets(page: Page, px: number): Promise<string[]> {
  return page.evaluate((min) => {
    const selector =
      'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=option], [role=checkbox], [role=radio]';
    const small: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      // A native check box or radio is touched through its label, which is the target then.
      const target = element.matches('input[type=checkbox], input[type=radio]')
        ? (element.closest('label')?.getBoundingClientRect() ?? box)
        : box;
      if (target.height < min - 0.5 || target.width < min - 0.5)
        small.push(
          `${(element.textContent || element.getAttribute('aria-label') || element.tagName).trim().slice(0, 30)} ${Math.round(target.width)}×${Math.round(target.height)}`,
        );
    }
    return small;
  }, px);
}

/** How far the page itself scrolls past the screen, in px (0 when everything fits; panels may scroll inside). */
export async function pageOverflow(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => ({
    x: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
    y: Math.max(0, document.documentElement.scrollHeight - window.innerHeight),
  }));
}
