import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpOrder } from '../../shared/follow-up.js';
import { localDateTimeText } from '../../shared/local-date.js';
import { Button } from '../design/Button.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { FollowUpStepForm } from './FollowUpStepForm.js';
import { useRefusalText } from './use-console-action.js';
import { WorkingCalendarPanel } from './WorkingCalendarPanel.js';

interface FollowUpViewProps {
  /** The hall's last event: the list is read again when it moves (a new 差评, a step taken elsewhere). */
  seq: number;
  timeZone: string;
  canChange: boolean;
}

/** 好差评 follow-up: the 差评 work orders with their deadlines, one order's whole story and its next step, and the working days. */
export function FollowUpView({ seq, timeZone, canChange }: FollowUpViewProps) {
  const { t } = useTranslation('manager');
  const refusalText = useRefusalText();
  const [state, setState] = useState<'open' | 'all'>('open');
  const [orders, setOrders] = useState<FollowUpOrder[]>();
  const [workingDays, setWorkingDays] = useState(5);
  const [selected, setSelected] = useState<string>();
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const list = await consoleApi.followUps(state);
      setOrders(list.orders);
      setWorkingDays(list.workingDays);
      setError(undefined);
    } catch (refusal) {
      setError(refusalText(refusal));
    }
  }, [state, refusalText]);
  useEffect(() => {
    void load();
  }, [load, seq]);
  const order = orders?.find((each) => each.id === selected);
  const time = (at: string) => localDateTimeText(at, timeZone);

  return (
    <div className="console-follow-ups">
      <section className="console-panel" aria-labelledby="follow-ups-title">
        <div className="console-panel-head">
          <h2 id="follow-ups-title">{t('followUps.title')}</h2>
          <div role="radiogroup" aria-labelledby="follow-ups-title" className="console-stats-groups">
            {(['open', 'all'] as const).map((each) => (
              <Button
                key={each}
                role="radio"
                aria-checked={state === each}
                variant={state === each ? 'primary' : 'secondary'}
                onClick={() => setState(each)}
              >
                {t(`followUps.${each}`)}
              </Button>
            ))}
          </div>
        </div>
        <p className="console-aside">{t('followUps.hint', { days: workingDays })}</p>
        {error && <Notice tone="bad">{error}</Notice>}
        {!orders ? (
          <p className="console-aside">{t('followUps.loading')}</p>
        ) : orders.length === 0 ? (
          <p className="console-aside">{t(state === 'open' ? 'followUps.none' : 'followUps.noneAll')}</p>
        ) : (
          <table className="console-table" data-testid="follow-up-orders">
            <thead>
              <tr>
                {(['ticket', 'window', 'clerk', 'rating', 'stage', 'due'] as const).map((column) => (
                  <th key={column} scope="col">
                    {t(`followUps.columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {orders.map((each) => (
                <tr key={each.id} data-order={each.id} aria-selected={each.id === selected} data-overdue={each.overdue}>
                  <th scope="row">
                    <button type="button" className="console-link-button" onClick={() => setSelected(each.id)}>
                      {each.ticketNumber}
                    </button>
                  </th>
                  <td>{each.windowNumber === null ? '' : t('windowName', { number: each.windowNumber, name: each.windowName })}</td>
                  <td>{each.clerk?.name ?? ''}</td>
                  <td>{t(`followUps.levels.${each.level}`, { defaultValue: String(each.level) })}</td>
                  <td>{each.outcome ? t(`followUps.outcomes.${each.outcome}`) : t(`followUps.stages.${each.stage}`)}</td>
                  <td>
                    {t('followUps.dueOn', { date: each.dueDate })}
                    {each.overdue && <span className="console-state console-state-paused console-overdue">{t('followUps.overdue')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="console-panel" aria-labelledby="follow-up-detail-title" data-testid="follow-up-detail">
        {!order ? (
          <p className="console-aside" id="follow-up-detail-title">
            {t('followUps.detail.pick')}
          </p>
        ) : (
          <>
            <h2 id="follow-up-detail-title">{t('followUps.detail.title', { ticket: order.ticketNumber })}</h2>
            <dl className="console-facts">
              <dt>{t('followUps.columns.rating')}</dt>
              <dd>{t(`followUps.levels.${order.level}`, { defaultValue: String(order.level) })}</dd>
              <dt>{t('followUps.detail.ratedAt')}</dt>
              <dd>{time(order.ratedAt)}</dd>
              <dt>{t('followUps.detail.queue')}</dt>
              <dd>{order.queueName}</dd>
              <dt>{t('followUps.columns.window')}</dt>
              <dd>{order.windowNumber === null ? '' : t('windowName', { number: order.windowNumber, name: order.windowName })}</dd>
              <dt>{t('followUps.columns.clerk')}</dt>
              <dd>{order.clerk ? t('windows.clerkName', order.clerk) : t('followUps.detail.nothing')}</dd>
              <dt>{t('followUps.detail.services')}</dt>
              <dd>{order.serviceCodes.join(t('followUps.detail.separator')) || t('followUps.detail.nothing')}</dd>
              <dt>{t('followUps.detail.reasons')}</dt>
              <dd>{order.reasons.join(t('followUps.detail.separator')) || t('followUps.detail.nothing')}</dd>
              <dt>{t('followUps.detail.text')}</dt>
              <dd>{order.text ?? t('followUps.detail.nothing')}</dd>
              <dt>{t('followUps.detail.contact')}</dt>
              <dd>{order.contact ?? t('followUps.detail.noContact')}</dd>
              <dt>{t('followUps.detail.workingDays')}</dt>
              <dd>
                {t('followUps.detail.workingDaysValue', { days: order.workingDays, date: order.dueDate })}
                {order.overdue && <span className="console-state console-state-paused console-overdue">{t('followUps.overdue')}</span>}
              </dd>
            </dl>
            <h3>{t('followUps.detail.steps')}</h3>
            {order.steps.length === 0 ? (
              <p className="console-aside">{t('followUps.detail.noSteps')}</p>
            ) : (
              <ol className="console-steps" data-testid="follow-up-steps">
                {order.steps.map((step) => (
                  <li key={`${step.at}-${step.action}`} data-action={step.action}>
                    <strong>{t(`followUps.stepNames.${step.action}`)}</strong>
                    {step.revisitResult && <> · {t(`followUps.revisitResults.${step.revisitResult}`)}</>}
                    <p>{step.note}</p>
                    <span className="console-aside">{t('followUps.detail.stepLine', { who: step.managerId, time: time(step.at) })}</span>
                  </li>
                ))}
              </ol>
            )}
            {order.stage !== 'closed' &&
              (canChange ? (
                <FollowUpStepForm key={`${order.id}-${order.stage}`} order={order} stage={order.stage} onDone={load} />
              ) : (
                <p className="console-aside">{t('followUps.readOnly')}</p>
              ))}
          </>
        )}
      </section>
      <WorkingCalendarPanel canChange={canChange} onChanged={load} />
    </div>
  );
}
