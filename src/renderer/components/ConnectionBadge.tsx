import type { LinkStatus } from '../../shared/link-status.js';
import { useState } from 'react';
import { useConnectionState, useEvent, useQuery } from '../rpc/hooks.js';

/** Every page says at a glance whether it can reach its terminal host and the hall server. */
export function ConnectionBadge() {
  const connection = useConnectionState();
  const initial = useQuery('system.linkStatus', {});
  const [pushed, setPushed] = useState<LinkStatus>();
  useEvent('system.linkStatus', setPushed);
  const links = pushed ?? initial.data;

  let tone: 'ok' | 'warn' | 'bad';
  let text: string;
  if (connection !== 'open') {
    tone = 'bad';
    text = connection === 'connecting' ? '正在连接本机服务… Connecting' : '本机服务已断开，正在重连 Reconnecting';
  } else if (links?.hall === 'offline') {
    tone = 'bad';
    text = '大厅服务器未连接 Hall server offline';
  } else if (links?.hall === 'online') {
    tone = links.platform === 'offline' ? 'warn' : 'ok';
    text = links.platform === 'offline' ? '在线（平台离线）Online, platform offline' : '在线 Online';
  } else {
    tone = 'warn';
    text = '正在检查网络… Checking';
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
