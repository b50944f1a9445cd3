import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_FLOW, REVISIT_RESULTS, type FollowUpAction, type FollowUpOrder } from '../../shared/follow-up.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction } from './use-console-action.js';

type OpenStage = Exclude<FollowUpOrder['stage'], 'closed'>;

/** The next step of an open work order: what was done, in words, and the way on the stage allows (核实 or 申诉, 复核 either way, …). */
export function FollowUpStepForm({ order, stage, onDone }: { order: FollowUpOrder; stage: OpenStage; onDone(): Promise<void> }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const [note, setNote] = useState('');
  const [revisitResult, setRevisitResult] = useState<(typeof REVISIT_RESULTS)[number]>('satisfied');
  const [invalid, setInvalid] = useState<string>();
  const actions = Object.keys(FOLLOW_UP_FLOW[stage]) as FollowUpAction[];
  const take = async (step: FollowUpAction) => {
    if (note.trim().length < 2) {
      setInvalid(t('followUps.noteMissing'));
      return;
    }
    setInvalid(undefined);
    const done = await action.run(() =>
      consoleApi.followUpStep({
        orderId: order.id,
        action: step,
        note: note.trim(),
        ...(step === 'revisit' ? { revisitResult } : {}),
      }),
    );
    if (done) await onDone();
  };
  return (
    <form className="console-step-form" onSubmit={(event) => event.preventDefault()} aria-label={t(`followUps.stages.${stage}`)}>
      {action.error && <Notice tone="bad">{action.error}</Notice>}
      <Field label={t('followUps.note')} hint={t(`followUps.noteHints.${stage}`)} error={invalid} required>
        {(control) => <textarea {...control} rows={3} maxLength={500} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
      {stage === 'revisit' && (
        <Field label={t('followUps.revisitResult')}>
          {(control) => (
            <select
              {...control}
              value={revisitResult}
              onChange={(event) => setRevisitResult(event.target.value as (typeof REVISIT_RESULTS)[number])}
            >
              {REVISIT_RESULTS.map((each) => (
                <option key={each} value={each}>
                  {t(`followUps.revisitResults.${each}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <div className="console-step-actions">
        {actions.map((each, index) => (
          <Button key={each} variant={index === 0 ? 'primary' : 'secondary'} disabled={action.busy} onClick={() => void take(each)}>
            {t(`followUps.actions.${each}`)}
          </Button>
        ))}
      </div>
    </form>
  );
}
