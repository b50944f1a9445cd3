import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveHall } from '../../shared/manager-console.js';
import { AlertRulesPanel } from './AlertRulesPanel.js';
import { AlertsPanel } from './AlertsPanel.js';
import { localTimeText } from '../../shared/local-date.js';
import { ConsoleTable } from './ConsoleTable.js';

type Window = LiveHall['windows'][number];

/** The page's clock on the hall's time, every few seconds: waits and service times tick without an event. */
function useHallNow(clockOffsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  return now + clockOffsetMs;
}

function windowState(window: Window): 'serving' | 'idle' | 'paused' | 'closed' {
  if (window.paused) return 'paused';
  if (window.current) return 'serving';
  return window.clerk ? 'idle' : 'closed';
}

/** A table of the console: its column heads, then its rows (each headed by its first cell). */
/** The live hall: totals, then windows, alerts, queues, terminals and the alert rules, each a panel a manager reads at a glance. */
export function LiveHallView({ hall, clockOffsetMs, canChange }: { hall: LiveHall; clockOffsetMs: number; canChange: boolean }) {
  const { t } = useTranslation('manager');
  const now = useHallNow(clockOffsetMs);
  const since = (at: string | null) => {
    if (!at) return t('queues.none');
    const minutes = Math.floor((now - Date.parse(at)) / 60_000);
    return minutes < 1 ? t('lessThanMinute') : t('minutes', { count: minutes });
  };
  const waiting = hall.queues.reduce((sum, queue) => sum + queue.waiting, 0);
  const oldest = hall.queues
    .map((queue) => queue.oldestWaitingSince)
    .filter((at): at is string => at !== null)
    .sort()[0];
  const staffed = hall.windows.filter((window) => window.clerk !== null).length;
  return (
    <div className="console-live">
      <section className="console-summary" aria-labelledby="console-summary-title">
        <h2 id="console-summary-title" className="visually-hidden">
          {t('summary.title')}
        </h2>
        <dl>
          <div>
            <dt>{t('summary.waiting')}</dt>
            <dd data-testid="total-waiting">{waiting}</dd>
          </div>
          <div>
            <dt>{t('summary.serving')}</dt>
            <dd>{hall.windows.filter((window) => window.current).length}</dd>
          </div>
          <div>
            <dt>{t('summary.staffed')}</dt>
            <dd>{t('summary.staffedValue', { staffed, total: hall.windows.length })}</dd>
          </div>
          <div>
            <dt>{t('summary.longest')}</dt>
            <dd>{since(oldest ?? null)}</dd>
          </div>
        </dl>
      </section>
      <section className="console-panel console-windows" aria-labelledby="console-windows-title">
        <h2 id="console-windows-title">{t('windows.title')}</h2>
        <ConsoleTable
          testId="console-windows"
          columns={[t('windows.window'), t('windows.clerk'), t('windows.state'), t('windows.current'), t('windows.time')]}
        >
          {hall.windows.map((window) => {
            const state = windowState(window);
            return (
              <tr key={window.number} data-window={window.number}>
                <th scope="row">{t('windowName', { number: window.number, name: window.name })}</th>
                <td>{window.clerk ? t('windows.clerkName', { name: window.clerk.name, id: window.clerk.id }) : t('windows.noClerk')}</td>
                <td>
                  <span className={`console-state console-state-${state}`}>{t(`windows.states.${state}`)}</span>
                  {window.parked.length > 0 && (
                    <span className="console-aside">{t('windows.parked', { count: window.parked.length })}</span>
                  )}
                </td>
                <td className="console-number" data-testid="window-current">
                  {window.current?.ticketNumber ?? t('queues.none')}
                </td>
                <td>{window.current ? since(window.servingSince) : t('queues.none')}</td>
              </tr>
            );
          })}
        </ConsoleTable>
      </section>
      <AlertsPanel alerts={hall.alerts} timeZone={hall.timeZone} canChange={canChange} />
      <section className="console-panel" aria-labelledby="console-queues-title">
        <h2 id="console-queues-title">{t('queues.title')}</h2>
        <ConsoleTable testId="console-queues" columns={[t('queues.name'), t('queues.waiting'), t('queues.longest'), t('queues.estimate')]}>
          {hall.queues.map((queue) => (
            <tr key={queue.id} data-queue={queue.id}>
              <th scope="row">
                <span className="console-prefix">{queue.prefix}</span>
                {queue.name}
              </th>
              <td className="console-number">{queue.waiting}</td>
              <td>{since(queue.oldestWaitingSince)}</td>
              <td>{queue.estimatedWaitMinutes === null ? t('queues.none') : t('minutes', { count: queue.estimatedWaitMinutes })}</td>
            </tr>
          ))}
        </ConsoleTable>
      </section>
      <section className="console-panel" aria-labelledby="console-terminals-title">
        <h2 id="console-terminals-title">{t('terminals.title')}</h2>
        {hall.terminals.length === 0 ? (
          <p className="console-aside">{t('terminals.none')}</p>
        ) : (
          <ConsoleTable
            testId="console-terminals"
            columns={[t('terminals.id'), t('terminals.role'), t('terminals.window'), t('terminals.link'), t('terminals.devices')]}
          >
            {hall.terminals.map((terminal) => (
              <tr key={terminal.id} data-terminal={terminal.id}>
                <th scope="row">{terminal.id}</th>
                <td>{t(`terminals.roles.${terminal.role}`)}</td>
                <td>{terminal.window === null ? t('queues.none') : t('terminals.windowNumber', { number: terminal.window })}</td>
                <td>
                  <span className={terminal.listening ? 'console-state console-state-serving' : 'console-state console-state-closed'}>
                    {terminal.listening ? t('terminals.listening') : t('terminals.silent')}
                  </span>
                </td>
                <td data-testid="terminal-devices">
                  {terminal.devicesStale ? (
                    <span className="console-aside">
                      {terminal.devicesReportedAt
                        ? t('terminals.devicesStale', { time: localTimeText(terminal.devicesReportedAt, hall.timeZone) })
                        : t('terminals.devicesNone')}
                    </span>
                  ) : terminal.devices.every((device) => device.ok !== false) ? (
                    t('terminals.devicesOk', { count: terminal.devices.length })
                  ) : (
                    <ul className="console-device-faults">
                      {terminal.devices
                        .filter((device) => device.ok === false)
                        .map((device) => (
                          <li key={device.id}>
                            {t('terminals.deviceFault', { kind: t(`terminals.deviceKinds.${device.kind}`), message: device.message })}
                          </li>
                        ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </ConsoleTable>
        )}
      </section>
      <AlertRulesPanel hall={hall} canChange={canChange} />
    </div>
  );
}
