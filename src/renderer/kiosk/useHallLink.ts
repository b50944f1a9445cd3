import { useState } from 'react';
import type { LinkState, LinkStatus } from '../../shared/link-status.js';
import { useEvent, useQuery } from '../rpc/hooks.js';

/** Whether this kiosk reaches the hall server now, as the host last saw it. */
export function useHallLink(): LinkState {
  const initial = useQuery('system.linkStatus', {});
  const [pushed, setPushed] = useState<LinkStatus>();
  useEvent('system.linkStatus', setPushed);
  return (pushed ?? initial.data)?.hall ?? 'unknown';
}
