import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcRole } from '../../shared/roles.js';
import { useQuery } from '../rpc/hooks.js';

/**
 * The connection's role comes from its token, not from the route: a page opened with another page's
 * address says so instead of showing controls that would all be refused.
 */
export function RoleGate({ role, children }: { role: RpcRole; children: ReactNode }) {
  const { t } = useTranslation();
  const hello = useQuery('system.hello', {});
  if (hello.data && hello.data.role !== role) {
    return (
      <div className="fatal" role="alert">
        {t('wrongAddress')}
      </div>
    );
  }
  return children;
}
