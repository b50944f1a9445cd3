import { useState, type Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { maskedFieldValue } from '../../../shared/form-values.js';
import { shownFieldValue, type RegionName } from '../../forms/shown-value.js';
import { FieldControl } from './FieldControl.js';
import { fieldFromIdentity, formErrors, formFieldsOf, resultOf, type FlowAction, type FlowState } from './flow.js';

/**
 * 表单: the item's form; what the card answers is not typed again; a pre-filled value can be corrected
 * with the applicant, and says so. A field's problem shows beside it once the clerk has left it.
 */
export function FormStep({
  state,
  dispatch,
  regions,
}: {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  regions: readonly RegionName[];
}) {
  const { t } = useTranslation('counter');
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const result = resultOf(state);
  if (!result) return <p className="step-empty">{t('form.none')}</p>;
  const errors = formErrors(state, regions);
  const prefilled = state.applicant?.from === 'prefill';
  return (
    <div className="step-body step-form">
      <h3>{result.form.title}</h3>
      <div className="field-grid">
        {formFieldsOf(state).map((field) => {
          if (fieldFromIdentity(state, field)) {
            const shown =
              state.applicant?.from === 'card'
                ? field.prefill === 'name'
                  ? state.applicant.person.name
                  : state.applicant.person.idNumber
                : maskedFieldValue(field, state.values[field.id] ?? '');
            return (
              <div key={field.id} className="ds-field">
                <span className="ds-field-label">{field.label}</span>
                <span className="read-only-value">{shown || '—'}</span>
                <span className="ds-field-hint">{t('form.fromCard')}</span>
              </div>
            );
          }
          const was = state.prefilled[field.id];
          const corrected = prefilled && (state.values[field.id] ?? '') !== (was ?? '');
          const hint = corrected
            ? t('form.corrected', { from: was ? shownFieldValue(field, was, regions) : '—' })
            : prefilled && was
              ? t('form.prefilledHint')
              : undefined;
          return (
            <div key={field.id} onBlur={() => setLeft((seen) => new Set(seen).add(field.id))} data-corrected={corrected || undefined}>
              <FieldControl
                field={field}
                value={state.values[field.id] ?? ''}
                regions={regions}
                hint={hint}
                error={left.has(field.id) || state.values[field.id] ? errors[field.id] : undefined}
                onChange={(value) => dispatch({ type: 'valueChanged', fieldId: field.id, value })}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
