import { useEffect } from 'react';

/** The clerk's keys, each pressing the button that carries it in `data-shortcut`; listed on the page. */
export const SHORTCUTS = [
  ['F1', '叫号'],
  ['F2', '重呼'],
  ['F3', '办结'],
  ['F4', '过号'],
  ['F5', '挂起'],
  ['F6', '读申请人证件'],
  ['F7', '请申请人确认'],
  ['F8', '受理'],
  ['F9', '不予受理'],
  ['F10', '出件'],
] as const;
export type ShortcutKey = (typeof SHORTCUTS)[number][0];

/** Props for a button a key presses: the key for the handler and, for assistive technology, aria-keyshortcuts. */
export const shortcut = (key: ShortcutKey) => ({ 'data-shortcut': key, 'aria-keyshortcuts': key });

/**
 * Keyboard first: a function key presses its button when the button is there and enabled, so a key
 * can never do what the screen would not let the clerk click; the browser's own use of the key is held back.
 */
export function useButtonShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!SHORTCUTS.some(([key]) => key === event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      document.querySelector<HTMLButtonElement>(`button[data-shortcut="${event.key}"]:not(:disabled)`)?.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
