import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_RULE_KINDS, type AlertRuleKind, type AlertRule } from '../../shared/hall-alerts.js';
import type { LiveHall } from '../../shared/manager-console.js';
import { Button } from '../design/Button.js';
import { Field } from '../design/Field.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction } from './use-console-action.js';

const BY_QUEUE: readonly AlertRuleKind[] = ['longWait', 'longQueue'];

/** The rules that raise the hall's alerts: a manager adds and removes them, live; a supervisor reads them. */
export function AlertRulesPanel({ hall, canChange }: { hall: LiveHall; canChange: boolean }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const [kind, setKind] = useState<AlertRuleKind>('longWait');
  const [threshold, setThreshold] = useState('15');
  const [queueId, setQueueId] = useState('');
  const [invalid, setInvalid] = useState<string>();
  const describe = (rule: AlertRule) =>
    t(`rules.descriptions.${rule.kind}`, {
      threshold: rule.threshold,
      queue: rule.queueId
        ? t('rules.queueNamed', { name: hall.queues.find((queue) => queue.id === rule.queueId)?.name ?? rule.queueId })
        : '',
    });
  const add = async (event: FormEvent) => {
    event.preventDefault();
    const value = Number(threshold);
    if (kind !== 'badReview' && (!Number.isInteger(value) || value < 0 || value > 999)) {
      setInvalid(t('rules.thresholdInvalid'));
      return;
    }
    setInvalid(undefined);
    await action.run(() =>
      consoleApi.addAlertRule({
        kind,
        threshold: kind === 'badReview' ? 1 : value,
        queueId: BY_QUEUE.includes(kind) && queueId ? queueId : null,
      }),
    );
  };
  return (
    <section className="console-panel console-rules" aria-labelledby="console-rules-title">
      <h2 id="console-rules-title">{t('rules.title')}</h2>
      {action.error && <Notice tone="bad">{action.error}</Notice>}
      {hall.alertRules.length === 0 ? (
        <p className="console-aside">{t('rules.none')}</p>
      ) : (
        <ul className="console-rule-list" data-testid="console-rules">
          {hall.alertRules.map((rule) => (
            <li key={rule.id} data-rule-kind={rule.kind}>
              <span>{describe(rule)}</span>
              {canChange && (
                <Button
                  variant="quiet"
                  disabled={action.busy}
                  aria-label={t('rules.removeNamed', { rule: describe(rule) })}
                  onClick={() => void action.run(() => consoleApi.removeAlertRule(rule.id))}
                >
                  {t('rules.remove')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange ? (
        <form className="console-rule-form" onSubmit={(event) => void add(event)} aria-label={t('rules.add')}>
          <Field label={t('rules.kind')}>
            {(control) => (
              <select {...control} value={kind} onChange={(event) => setKind(event.target.value as AlertRuleKind)}>
                {ALERT_RULE_KINDS.map((each) => (
                  <option key={each} value={each}>
                    {t(`alerts.kinds.${each}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind !== 'badReview' && (
            <Field label={t('rules.threshold', { unit: t(`rules.units.${kind}`) })} error={invalid}>
              {(control) => (
                <input {...control} inputMode="numeric" value={threshold} onChange={(event) => setThreshold(event.target.value)} />
              )}
            </Field>
          )}
          {BY_QUEUE.includes(kind) && (
            <Field label={t('rules.queue')}>
              {(control) => (
                <select {...control} value={queueId} onChange={(event) => setQueueId(event.target.value)}>
                  <option value="">{t('rules.allQueues')}</option>
                  {hall.queues.map((queue) => (
                    <option key={queue.id} value={queue.id}>
                      {queue.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Button type="submit" variant="primary" disabled={action.busy}>
            {t('rules.add')}
          </Button>
        </form>
      ) : (
        <p className="console-aside">{t('rules.readOnly')}</p>
      )}
    </section>
  );
}
