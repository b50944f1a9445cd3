/**
 * A kiosk, the customer screen and the board stand where the public can touch them: nothing a passer-by
 * does there may open a menu, a new window, a dropped file or a dropped link, or reload the page.
 * Electron's policies (src/main/policies.ts) cover what a page cannot (closing the window, devtools);
 * this covers browser mode and is a second wall in Electron.
 */
const BLOCKED_KEYS = new Set([
  'F1',
  'F3',
  'F5',
  'F6',
  'F7',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
]);
const BLOCKED_WITH_CONTROL = new Set(['r', 'w', 'n', 't', 'p', 's', 'o', 'u', 'l', 'f', 'g', 'h', 'j', 'd', '+', '-', '=', '0']);

export function blocksShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (BLOCKED_KEYS.has(event.key)) return true;
  if ((event.ctrlKey || event.metaKey) && BLOCKED_WITH_CONTROL.has(event.key.toLowerCase())) return true;
  return event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Home' || event.key === 'F4');
}

export function guardPublicScreen(target: Window): void {
  const stop = (event: Event) => event.preventDefault();
  target.addEventListener('contextmenu', stop, true);
  target.addEventListener('dragover', stop, true);
  target.addEventListener('drop', stop, true);
  target.addEventListener('dragstart', stop, true);
  target.addEventListener(
    'keydown',
    (event) => {
      if (blocksShortcut(event)) event.preventDefault();
    },
    true,
  );
  target.open = () => null;
}
