import { useState } from 'react';
import type { LinkState, LinkStatus } from '../../shared/link-status.js';
import { useEvent, useQuery } from '../rpc/hooks.js';

/** Whether this terminal reaches the hall server and the platform now, as its host last saw it. */
export function useLinkStatus(): LinkStatus | undefined {
  const initial = useQuery('system.linkStatus', {});
  const [pushed, setPushed] = useState<LinkStatus>();
  useEvent('system.linkStatus', setPushed);
  return pushed ?? initial.data;
}

export function useHallLink(): LinkState {
  return useLinkStatus()?.hall ?? 'unknown';
}
