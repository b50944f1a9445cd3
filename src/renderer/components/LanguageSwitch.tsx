import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/index.js';

/** Each language is named in itself, so a person who reads only that one finds it. */
const NAMES = { 'zh-CN': '中文', en: 'English' } as const;

/** One touch between Chinese and English on the citizens' screens; it shows the language it switches to. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="ds-button ds-button-quiet toggle"
      lang={other}
      // The visible name is the accessible name (axe: label-content-name-mismatch); what it does is its description.
      title={t('language.switchLabel')}
      onClick={() => setLanguage(other)}
    >
      {NAMES[other]}
    </button>
  );
}
