import { useTranslation } from 'react-i18next';
import type { Alert } from '../../shared/hall-alerts.js';
import { localTimeText } from '../../shared/local-date.js';
import { Button } from '../design/Button.js';
import { Notice } from '../design/Notice.js';
import { consoleApi } from './console-client.js';
import { useConsoleAction } from './use-console-action.js';

/**
 * The alerts the hall's rules raised, newest first: what happened, since when, whether it still holds, and
 * who acknowledged it. Each waits for a manager's 确认; a supervisor sees them without the button.
 */
export function AlertsPanel({ alerts, timeZone, canChange }: { alerts: Alert[]; timeZone: string; canChange: boolean }) {
  const { t } = useTranslation('manager');
  const action = useConsoleAction();
  const time = (at: string) => localTimeText(at, timeZone);
  const line = (alert: Alert) =>
    t(`alerts.lines.${alert.kind}`, {
      subject: alert.subjectName,
      number: alert.subject,
      value: alert.value,
      threshold: alert.threshold,
      level: alert.kind === 'badReview' ? t(`alerts.levels.${alert.value}`, { defaultValue: String(alert.value) }) : '',
    });
  return (
    <section className="console-panel console-alerts" aria-labelledby="console-alerts-title">
      <h2 id="console-alerts-title">{t('alerts.title')}</h2>
      {action.error && <Notice tone="bad">{action.error}</Notice>}
      {alerts.length === 0 ? (
        <p className="console-aside">{t('alerts.none')}</p>
      ) : (
        <ul className="console-alert-list" data-testid="console-alerts">
          {alerts.map((alert) => (
            <li
              key={alert.id}
              className="console-alert"
              data-alert-kind={alert.kind}
              data-acknowledged={alert.acknowledgedAt ? 'true' : 'false'}
            >
              <div className="console-alert-text">
                <span className={`console-state ${alert.clearedAt ? 'console-state-closed' : 'console-state-paused'}`}>
                  {t(`alerts.kinds.${alert.kind}`)}
                </span>
                <span>{line(alert)}</span>
              </div>
              <div className="console-aside">
                {t('alerts.raisedAt', { time: time(alert.raisedAt) })} ·{' '}
                {alert.clearedAt ? t('alerts.cleared', { time: time(alert.clearedAt) }) : t('alerts.active')}
                {alert.acknowledgedAt && (
                  <> · {t('alerts.acknowledged', { who: alert.acknowledgedBy, time: time(alert.acknowledgedAt) })}</>
                )}
              </div>
              {canChange && !alert.acknowledgedAt && (
                <Button
                  variant="primary"
                  disabled={action.busy}
                  aria-label={`${t('alerts.acknowledge')}: ${line(alert)}`}
                  onClick={() => void action.run(() => consoleApi.acknowledgeAlert(alert.id))}
                >
                  {t('alerts.acknowledge')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
