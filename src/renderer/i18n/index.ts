import i18next, { type ParseKeys } from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { LANGUAGES, SOURCE_LANGUAGE, type Catalogue, type Language } from './catalogue.js';
import { common as enCommon } from './en/common.js';
import type { Resources } from './resources.js';
import { common as zhCommon } from './zh-CN/common.js';
import { localise } from './messages.js';
import './resources.js';

/**
 * Chinese is the language of every screen; English is a switch on the citizens' screens. Only the shared
 * namespace is loaded here: each screen registers its own (registerCatalogue), so a kiosk's chunk carries no
 * counter strings.
 */
void i18next.use(initReactI18next).init({
  lng: SOURCE_LANGUAGE,
  fallbackLng: SOURCE_LANGUAGE,
  supportedLngs: LANGUAGES,
  defaultNS: 'common',
  ns: ['common'],
  resources: { 'zh-CN': { common: zhCommon }, en: { common: enCommon } },
  // React escapes what it renders; i18next escaping it again would show &amp; on screen.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

export function registerCatalogue<N extends keyof Resources>(namespace: N, zh: Resources[N], en: Catalogue<Resources[N]>): void {
  i18next.addResourceBundle('zh-CN', namespace, zh);
  i18next.addResourceBundle('en', namespace, en);
}

/** Both halves of a message the host or a service worker composes, as the servers word theirs: "中文 / English". */
export function bothLanguages(key: ParseKeys): string {
  return `${i18next.t(key, { lng: 'zh-CN' })} / ${i18next.t(key, { lng: 'en' })}`;
}

/** The page's language and a way to change it; <html lang> follows, so screen readers and fonts do too. */
export function useLanguage(): { language: Language; setLanguage(language: Language): void } {
  const { i18n } = useTranslation();
  const setLanguage = useCallback((language: Language) => void i18n.changeLanguage(language), [i18n]);
  return { language: i18n.language === 'en' ? 'en' : 'zh-CN', setLanguage };
}

/** A message from the host, in the page's language (see localise). */
export function useLocalise(): (message: string) => string {
  const { language } = useLanguage();
  return useCallback((message: string) => localise(message, language), [language]);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = SOURCE_LANGUAGE;

export { i18next };
