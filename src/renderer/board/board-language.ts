import type { Language } from '../i18n/catalogue.js';

/**
 * The board's language is the hall's setting for that screen, given in the page's address (`?lang=en`):
 * a TV across the hall has no one to touch a switch, and one language at a time keeps every line large.
 * Chinese unless English is asked for.
 */
export function boardLanguage(search: string): Language {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh-CN';
}
