import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../shared/catalog.js';
import { YES_NO } from '../../../shared/form-values.js';
import { Field } from '../../design/index.js';
import type { RegionName } from '../../forms/shown-value.js';

interface FieldControlProps {
  field: FormField;
  value: string;
  regions: readonly RegionName[];
  error: string | undefined;
  hint?: string | undefined;
  onChange(value: string): void;
}

/** One form field as a real control for its type: text, date, choice, region by name, yes/no, an amount in 元. */
export function FieldControl({ field, value, regions, error, hint, onChange }: FieldControlProps) {
  const { t } = useTranslation('counter');
  if (field.type === 'yesNo') {
    return (
      <fieldset className="ds-field yes-no" data-invalid={error ? 'true' : undefined}>
        <legend className="ds-field-label">
          {field.label}
          {field.required && (
            <span className="ds-field-required" aria-hidden="true">
              *
            </span>
          )}
        </legend>
        <div className="choice-row">
          {YES_NO.map((stored, index) => (
            <label key={stored} className="check">
              <input type="radio" name={field.id} value={stored} checked={value === stored} onChange={() => onChange(stored)} />
              {index === 0 ? t('form.yes') : t('form.no')}
            </label>
          ))}
        </div>
        {hint && <span className="ds-field-hint">{hint}</span>}
        {error && (
          <span className="ds-field-error" role="alert">
            {error}
          </span>
        )}
      </fieldset>
    );
  }
  return (
    <Field label={field.label} required={field.required} hint={hint ?? field.help} error={error}>
      {(control) => {
        if (field.type === 'choice' || field.type === 'region') {
          const options =
            field.type === 'region'
              ? regions.map((region) => ({ value: region.code, label: region.name }))
              : (field.options ?? []).map((option) => ({ value: option, label: option }));
          return (
            <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
              <option value="">{t('form.choose')}</option>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          );
        }
        if (field.type === 'number') {
          return (
            <span className="money-input">
              <input {...control} value={value} onChange={(event) => onChange(event.target.value)} inputMode="decimal" autoComplete="off" />
              <span aria-hidden="true">{t('form.money')}</span>
            </span>
          );
        }
        return (
          <input
            {...control}
            type={field.type === 'date' ? 'date' : 'text'}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            inputMode={field.type === 'phone' ? 'tel' : undefined}
            maxLength={field.rules?.maxLength ?? 500}
            autoComplete="off"
          />
        );
      }}
    </Field>
  );
}
