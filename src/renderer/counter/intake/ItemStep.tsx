import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answers } from '../../../shared/guidance.js';
import { useQuery } from '../../rpc/hooks.js';
import { Field } from '../../design/index.js';
import { answeredQuestions, type FlowAction, type FlowState } from './flow.js';

/** 事项与情形: find the item (or pick one of the 一件事), answer its questions; every answer given stays on screen and can be changed. */
export function ItemStep({
  state,
  dispatch,
  bundle,
  bundleAnswers,
  onChoose,
}: {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  bundle: { name: string; items: { code: string; name: string }[] } | undefined;
  bundleAnswers(code: string): Answers;
  onChoose(code: string, answers: Answers): void;
}) {
  const { t } = useTranslation('counter');
  const query = state.query.trim();
  const search = useQuery('catalog.search', query && !state.item ? { query, limit: 8 } : null);
  const hits = query && !state.item ? (search.data?.hits.filter((hit) => hit.kind === 'item') ?? []) : [];
  const question = state.item && state.guidance?.kind === 'question' ? state.guidance : null;
  return (
    <div className="step-body step-item">
      {bundle && !state.item && (
        <div role="group" aria-label={t('item.bundleGroup', { name: bundle.name })} className="bundle">
          <p>{t('item.bundle', { name: bundle.name })}</p>
          <div className="choice-row">
            {bundle.items.map((entry) => (
              <button
                key={entry.code}
                type="button"
                className="ds-button ds-button-secondary"
                disabled={state.taken.includes(entry.code)}
                onClick={() => onChoose(entry.code, bundleAnswers(entry.code))}
              >
                {entry.name}
                {state.taken.includes(entry.code) ? t('item.taken') : ''}
              </button>
            ))}
          </div>
        </div>
      )}
      {state.item ? (
        <p className="item-line">
          <strong>{state.item.name}</strong>
          <span className="muted">{state.item.department}</span>
          <button type="button" className="ds-button ds-button-quiet" onClick={() => dispatch({ type: 'itemCleared' })}>
            {t('item.change')}
          </button>
        </p>
      ) : (
        <>
          <Field label={t('item.search')}>
            {(control) => (
              <input
                {...control}
                value={state.query}
                onChange={(event) => dispatch({ type: 'queryChanged', query: event.target.value })}
                autoComplete="off"
                placeholder={t('item.searchPlaceholder')}
              />
            )}
          </Field>
          {query && search.data && hits.length === 0 && <p className="muted">{t('item.noHits')}</p>}
          <ul className="hit-list">
            {hits.map((hit) => (
              <li key={hit.code}>
                <button type="button" className="hit" onClick={() => onChoose(hit.code, {})}>
                  <span className="hit-name">{hit.name}</span>
                  <span className="hit-where">{hit.department}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {answeredQuestions(state).length > 0 && (
        <fieldset className="answered">
          <legend>{t('item.answered')}</legend>
          {answeredQuestions(state).map((answered) => (
            <div key={answered.nodeId} className="answered-row" role="group" aria-label={answered.text}>
              <span>{answered.text}</span>
              <div className="choice-row">
                {answered.options.map((option) => (
                  <button
                    key={option.value}
                    type="button"
                    className={option.value === answered.value ? 'ds-button ds-button-primary' : 'ds-button ds-button-secondary'}
                    aria-pressed={option.value === answered.value}
                    onClick={() => dispatch({ type: 'answered', nodeId: answered.nodeId, value: option.value })}
                  >
                    {option.label}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      {question && (
        <div role="group" aria-label={question.text} className="question">
          <p className="question-text">{question.text}</p>
          {question.help && <p className="muted">{question.help}</p>}
          <div className="choice-row">
            {question.options.map((option, index) => (
              <button
                key={option.value}
                data-autofocus={index === 0 || undefined}
                type="button"
                className="ds-button ds-button-secondary"
                onClick={() => dispatch({ type: 'answered', nodeId: question.nodeId, value: option.value })}
              >
                {option.label}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
