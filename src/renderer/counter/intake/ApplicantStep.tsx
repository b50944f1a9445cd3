import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../design/index.js';
import type { FlowAction, FlowState, ShownPerson } from './flow.js';

/** A person as the clerk checks them against who stands at the window: everything the card says, the photo where there is one. */
function PersonCard({ person, testId }: { person: ShownPerson; testId: string }) {
  const { t } = useTranslation('counter');
  return (
    <div className="person-card" data-testid={testId}>
      <div className="person-photo" aria-label={t('applicant.photo')} role="img">
        {person.photo ? <img src={person.photo} alt="" /> : <span className="muted">{t('applicant.noPhoto')}</span>}
      </div>
      <dl className="person-facts">
        <dt>{t('applicant.name')}</dt>
        <dd className="person-name">{person.name}</dd>
        <dt>{t('applicant.idNumber')}</dt>
        <dd className="number">{person.idNumber}</dd>
        {person.typeName && (
          <>
            <dt>{t('applicant.cardType')}</dt>
            <dd>{person.typeName}</dd>
          </>
        )}
        {person.address && (
          <>
            <dt>{t('applicant.address')}</dt>
            <dd>{person.address}</dd>
          </>
        )}
        {person.validTo && (
          <>
            <dt>{t('applicant.validity')}</dt>
            <dd>{person.validFrom ? t('applicant.validRange', { from: person.validFrom, to: person.validTo }) : person.validTo}</dd>
          </>
        )}
      </dl>
      {person.problems.length > 0 && (
        <p className="person-problems" role="alert">
          {person.problems.join(t('list.semicolon'))}
        </p>
      )}
    </div>
  );
}

/** 申请人: the card read (F6) or the pre-filled slip's applicant; 代办 with the agent's own card; the mobile for notices. */
export function ApplicantStep({
  state,
  dispatch,
  busy,
  onReadAgent,
}: {
  state: FlowState;
  dispatch: Dispatch<FlowAction>;
  busy: boolean;
  onReadAgent(): void;
}) {
  const { t } = useTranslation('counter');
  const mobileError = state.mobile && !/^1\d{10}$/.test(state.mobile) ? t('applicant.mobileError') : undefined;
  return (
    <div className="step-body step-applicant">
      {state.applicant ? (
        <>
          <PersonCard person={state.applicant.person} testId="intake-applicant-card" />
          {state.applicant.from === 'prefill' && <p className="muted">{t('applicant.prefillIdentity')}</p>}
        </>
      ) : (
        <p className="step-empty">{t('applicant.placeCard')}</p>
      )}
      <div className="step-row">
        <label className="check">
          <input
            type="checkbox"
            checked={state.agentOn}
            onChange={(event) => dispatch({ type: 'agentToggled', on: event.target.checked })}
          />
          {t('applicant.agent')}
        </label>
        {state.agentOn && (
          <button type="button" className="ds-button ds-button-secondary" onClick={onReadAgent} disabled={busy}>
            {t('applicant.readAgent')}
          </button>
        )}
      </div>
      {state.agentOn && (
        <>
          <p className="muted">{t('applicant.agentNeedsAuthorisation')}</p>
          {state.agent && <PersonCard person={state.agent} testId="intake-agent" />}
        </>
      )}
      <div className="field-grid">
        <Field label={t('applicant.mobile')} hint={t('applicant.mobileHint')} error={mobileError}>
          {(control) => (
            <input
              {...control}
              value={state.mobile}
              onChange={(event) => dispatch({ type: 'mobileChanged', mobile: event.target.value })}
              inputMode="numeric"
              autoComplete="off"
            />
          )}
        </Field>
      </div>
    </div>
  );
}
