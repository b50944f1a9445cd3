import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ManagerSession } from '../../shared/manager-console.js';
import { localTimeText } from '../../shared/local-date.js';
import { Clock } from '../components/Clock.js';
import { Button } from '../design/Button.js';
import { manager as enManager } from '../i18n/en/manager.js';
import { registerCatalogue } from '../i18n/index.js';
import { manager as zhManager } from '../i18n/zh-CN/manager.js';
import { consoleApi } from './console-client.js';
import { FollowUpView } from './FollowUpView.js';
import { SettingsView } from './SettingsView.js';
import { SupervisionView } from './SupervisionView.js';
import { LiveHallView } from './LiveHallView.js';
import { StatsView } from './StatsView.js';
import { LoginView } from './LoginView.js';
import { useLiveHall } from './use-live-hall.js';
import './manager.css';

registerCatalogue('manager', zhManager, enManager);

/** The hall manager's console, served by the hall server: a login, then the hall as it stands, live. */
export default function ManagerApp() {
  const { t } = useTranslation('manager');
  // undefined while the hall is asked whether the cookie is still a session.
  const [session, setSession] = useState<ManagerSession | null | undefined>(undefined);
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    consoleApi.session().then(setSession, () => setSession(null));
  }, []);
  const ended = useCallback(() => {
    setSession(null);
    setNotice(t('login.expired'));
  }, [t]);
  const logout = async () => {
    await consoleApi.logout().catch(() => undefined);
    setSession(null);
    setNotice(t('login.loggedOut'));
  };
  if (session === undefined) return <div className="loading">{t('title')}</div>;
  if (session === null)
    return (
      <LoginView
        notice={notice}
        onLoggedIn={(started) => {
          setNotice(undefined);
          setSession(started);
        }}
      />
    );
  return <ConsoleShell session={session} onEnded={ended} onLogout={() => void logout()} />;
}

function ConsoleShell({ session, onEnded, onLogout }: { session: ManagerSession; onEnded(): void; onLogout(): void }) {
  const { t } = useTranslation('manager');
  const live = useLiveHall(onEnded);
  const hall = live.hall;
  const [tab, setTab] = useState<'live' | 'stats' | 'followUps' | 'supervision' | 'settings'>('live');
  const isManager = session.manager.role === 'manager';
  return (
    <div className="shell console">
      <header className="shell-header">
        <div className="shell-titles">
          <div className="hall-name">{hall?.hallName ?? ''}</div>
          <h1>{t('title')}</h1>
        </div>
        <div className="shell-status">
          <span
            className={live.reconnecting || !hall ? 'console-link console-link-down' : 'console-link'}
            role="status"
            data-testid="console-link"
          >
            {live.outdated
              ? t('login.outdated')
              : !hall
                ? t('link.connecting')
                : live.reconnecting
                  ? t('link.reconnecting', { time: localTimeText(hall.at, hall.timeZone) })
                  : t('link.live')}
          </span>
          <span className="console-who">
            {session.manager.name} · {t(`roles.${session.manager.role}`)}
          </span>
          <Button variant="quiet" onClick={onLogout}>
            {t('logout')}
          </Button>
          <Clock />
        </div>
      </header>
      <nav className="console-tabs" aria-label={t('tabs.label')}>
        {(['live', 'stats', 'followUps', 'supervision', 'settings'] as const).map((each) => (
          <button
            key={each}
            type="button"
            className="console-tab"
            aria-current={tab === each ? 'page' : undefined}
            onClick={() => setTab(each)}
          >
            {t(`tabs.${each}`)}
          </button>
        ))}
      </nav>
      <main className="shell-main">
        {hall && tab === 'live' && <LiveHallView hall={hall} clockOffsetMs={live.clockOffsetMs} canChange={isManager} />}
        {hall && tab === 'stats' && <StatsView today={hall.serviceDate} perClerk={isManager} />}
        {hall && tab === 'followUps' && <FollowUpView seq={hall.seq} timeZone={hall.timeZone} canChange={isManager} />}
        {hall && tab === 'supervision' && <SupervisionView today={hall.serviceDate} timeZone={hall.timeZone} />}
        {hall && tab === 'settings' && <SettingsView seq={hall.seq} timeZone={hall.timeZone} canChange={isManager} />}
      </main>
    </div>
  );
}
