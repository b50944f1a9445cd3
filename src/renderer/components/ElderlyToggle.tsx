import { useTranslation } from 'react-i18next';

interface ElderlyToggleProps {
  on: boolean;
  onChange(on: boolean): void;
}

/** 长辈模式: larger type and higher contrast, one touch away on every citizen-facing page. */
export function ElderlyToggle({ on, onChange }: ElderlyToggleProps) {
  const { t } = useTranslation();
  return (
    <button type="button" className="ds-button ds-button-quiet toggle" aria-pressed={on} onClick={() => onChange(!on)}>
      {on ? t('elderly.off') : t('elderly.on')}
    </button>
  );
}
