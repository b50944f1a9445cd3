import type { Language } from './catalogue.js';

/**
 * Messages from the host and the servers are worded "中文 / English" (the log and the clerk's tools keep both);
 * a screen shows the half in its language, and the whole message when it has no English half.
 */
export function localise(message: string, language: Language): string {
  const split = message.indexOf(' / ');
  if (split < 0) return message;
  return language === 'en' ? message.slice(split + 3) : message.slice(0, split);
}
