import { useEffect } from 'react';

/** The clerk's function keys; each button that a key presses shows it (design `Button shortcut`). */
export const SHORTCUT_KEYS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10'] as const;
export type ShortcutKey = (typeof SHORTCUT_KEYS)[number];

/** What to spread on a button a key presses: the key for the handler; Button shows it and sets aria-keyshortcuts. */
export const shortcut = (key: ShortcutKey) => ({ 'data-shortcut': key, shortcut: key });

/**
 * Keyboard first: a function key presses its button when the button is there and enabled, so a key
 * can never do what the screen would not let the clerk click; the browser's own use of the key is held back.
 */
export function useButtonShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!SHORTCUT_KEYS.some((key) => key === event.key) || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      document.querySelector<HTMLButtonElement>(`button[data-shortcut="${event.key}"]:not(:disabled)`)?.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
