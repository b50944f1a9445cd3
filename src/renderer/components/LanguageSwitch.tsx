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
      // The name holds the words on the button (WCAG 2.5.3), so a person who says "English" to a voice control reaches it.
      aria-label={`${t('language.switchLabel')} ${NAMES[other]}`}
      onClick={() => setLanguage(other)}
    >
      {NAMES[other]}
    </button>
  );
}
