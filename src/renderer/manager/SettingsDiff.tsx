import { useTranslation } from 'react-i18next';
import type { SettingsChange } from '../../shared/hall-settings.js';

/** Fields whose values are never shown, only that they changed. */
const SECRET_FIELDS = ['pinHash', 'idHash'] as const;
const isSecret = (field: string): field is (typeof SECRET_FIELDS)[number] => (SECRET_FIELDS as readonly string[]).includes(field);

/** A version's changes, a line per entry and field: what was, what is. */
export function SettingsDiff({ changes, testId }: { changes: SettingsChange[]; testId?: string }) {
  const { t } = useTranslation('manager');
  const valueText = (value: string | null) =>
    value === null ? t('settings.empty') : value === 'true' ? t('settings.yes') : value === 'false' ? t('settings.no') : value;
  if (changes.length === 0) return <p className="console-aside">{t('settings.noChanges')}</p>;
  return (
    <ul className="console-diff" data-testid={testId}>
      {changes.map((change) => (
        <li key={`${change.section}:${change.key ?? ''}`} data-kind={change.kind}>
          <strong>
            {t(`settings.kinds.${change.kind}`)} · {t(`settings.sections.${change.section}`)}
            {change.key !== null && ` ${t('settings.entry', { label: change.label ?? '', key: change.key })}`}
          </strong>
          {change.fields.length > 0 && (
            <ul>
              {change.fields.map((field) => (
                <li key={field.field}>
                  {isSecret(field.field)
                    ? t(change.kind === 'added' ? `settings.secretSet.${field.field}` : `settings.secretChanged.${field.field}`)
                    : t('settings.fieldChange', {
                        field: t(`settings.fields.${field.field}`, { defaultValue: field.field }),
                        from: valueText(field.from),
                        to: valueText(field.to),
                      })}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
