import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../rpc/hooks.js';
import { Clock } from './Clock.js';
import { ConnectionBadge } from './ConnectionBadge.js';

interface ShellProps {
  title: string;
  elderly?: boolean;
  actions?: ReactNode;
  /** The applicant's screen: the hall's and the platform's links are the clerk's concern, only a lost host is shown. */
  applicantFacing?: boolean;
  children: ReactNode;
}

/** The frame every app shares: hall name, page title, clock and connection state; elderly mode scales all of it. */
export function Shell({ title, elderly = false, actions, applicantFacing = false, children }: ShellProps) {
  const { t } = useTranslation();
  const hello = useQuery('system.hello', {});
  return (
    <div className={elderly ? 'shell elderly' : 'shell'}>
      <header className="shell-header">
        <div className="shell-titles">
          <div className="hall-name">{hello.data?.hallName ?? t('hallNameFallback')}</div>
          <h1>{title}</h1>
        </div>
        <div className="shell-status">
          {actions}
          <ConnectionBadge hostOnly={applicantFacing} />
          <Clock />
        </div>
      </header>
      <main className="shell-main">{children}</main>
      {/* The version and the terminal's id are for the clerk and the technician; citizens' screens do not show them. */}
      {hello.data?.role === 'operator' && (
        <footer className="shell-footer">{t('productVersion', { version: hello.data.version, terminal: hello.data.terminalId })}</footer>
      )}
    </div>
  );
}
