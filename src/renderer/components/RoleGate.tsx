import type { ReactNode } from 'react';
import type { RpcRole } from '../../shared/roles.js';
import { useQuery } from '../rpc/hooks.js';

/**
 * The connection's role comes from its token, not from the route: a page opened with another page's
 * address says so instead of showing controls that would all be refused.
 */
export function RoleGate({ role, children }: { role: RpcRole; children: ReactNode }) {
  const hello = useQuery('system.hello', {});
  if (hello.data && hello.data.role !== role) {
    return (
      <div className="fatal" role="alert">
        此地址不属于本页面，请使用终端启动时打印的地址打开。
        <br />
        This address does not belong to this page: open the address the terminal printed at start.
      </div>
    );
  }
  return children;
}
