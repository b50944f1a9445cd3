import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TYPES } from '../../../shared/cases.js';
import { Field } from '../../design/index.js';
import { checklist, stateOf, type CaseType, type FlowAction, type FlowState } from './flow.js';

/** 受理/不予受理: the case type and flags, and the grounds a refusal prints; the decision itself is F8 or F9. */
export function DecisionStep({ state, dispatch }: { state: FlowState; dispatch: Dispatch<FlowAction> }) {
  const { t } = useTranslation('counter');
  if (!state.item) return <p className="step-empty">{t('form.none')}</p>;
  const missing = checklist(state, { name: t('materials.authorisation'), requirements: '' }).filter((m) => !stateOf(state, m.id)?.received);
  return (
    <div className="step-body step-decision">
      <div className="field-grid">
        <Field label={t('form.caseType')}>
          {(control) => (
            <select
              {...control}
              value={state.caseType ?? state.item!.caseType}
              onChange={(event) => dispatch({ type: 'caseTypeChanged', caseType: event.target.value as CaseType })}
            >
              {Object.entries(CASE_TYPES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="choice-row flags">
          <label className="check">
            <input
              type="checkbox"
              checked={state.flags.joint}
              onChange={(event) => dispatch({ type: 'flagChanged', flag: 'joint', on: event.target.checked })}
            />
            {t('form.joint')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={state.flags.reported}
              onChange={(event) => dispatch({ type: 'flagChanged', flag: 'reported', on: event.target.checked })}
            />
            {t('form.reported')}
          </label>
        </div>
      </div>
      {missing.length > 0 && (
        <p className="materials-state materials-state-missing">
          {t('decision.missingList', { names: missing.map((m) => m.name).join(t('list.separator')) })}
        </p>
      )}
      <Field label={t('decision.reason')} hint={t('decision.reasonHint')}>
        {(control) => (
          <input
            {...control}
            value={state.reason}
            onChange={(event) => dispatch({ type: 'reasonChanged', reason: event.target.value })}
            placeholder={missing.length > 0 ? t('decision.reasonPlaceholderMissing') : t('decision.reasonPlaceholder')}
            maxLength={200}
            autoComplete="off"
          />
        )}
      </Field>
    </div>
  );
}
