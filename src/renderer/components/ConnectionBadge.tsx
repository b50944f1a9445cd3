import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../rpc/hooks.js';
import { useLinkStatus } from './use-link-status.js';

/**
 * Every page says at a glance whether it can reach its terminal host and the hall server; with `hostOnly`
 * it shows nothing while the host is reached (the applicant's screen works the same with the hall out of reach).
 */
export function ConnectionBadge({ hostOnly = false }: { hostOnly?: boolean }) {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const links = useLinkStatus();

  let tone: 'ok' | 'warn' | 'bad';
  let text: string;
  if (connection !== 'open') {
    tone = 'bad';
    text = connection === 'connecting' ? t('connection.connecting') : t('connection.reconnecting');
  } else if (hostOnly) {
    return null;
  } else if (links?.hall === 'offline') {
    tone = 'bad';
    text = t('connection.hallOffline');
  } else if (links?.hall === 'online') {
    tone = links.platform === 'offline' ? 'warn' : 'ok';
    text = links.platform === 'offline' ? t('connection.platformOffline') : t('connection.online');
  } else {
    tone = 'warn';
    text = t('connection.checking');
  }
  return (
    <div
      className={`connection connection-${tone}`}
      role="status"
      aria-live="polite"
      data-connection={connection}
      data-hall={links?.hall ?? 'unknown'}
    >
      <span className="connection-dot" aria-hidden="true" />
      {text}
    </div>
  );
}
