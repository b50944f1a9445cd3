import { RpcError, type RpcErrorCode } from '../../shared/rpc/errors.js';
import { bothLanguages } from '../i18n/index.js';
import type { RendererRpc } from './connection.js';

/**
 * What a citizen is told when the terminal cannot reach what it needs. The clerk's message names the
 * server and what to check; a citizen can do neither, and must never see an address or a code.
 */
const OUT_OF_REACH: Partial<Record<RpcErrorCode, () => string>> = {
  UNAVAILABLE: () => bothLanguages('citizenErrors.unavailable'),
  TIMEOUT: () => bothLanguages('citizenErrors.timeout'),
};

/** The same connection, its out-of-reach failures worded for the public screens (kiosk, customer screen, board). */
export function forCitizens(rpc: RendererRpc): RendererRpc {
  return {
    ...rpc,
    invoke: (method, input) =>
      rpc.invoke(method, input).catch((failure: unknown) => {
        const worded = failure instanceof RpcError && OUT_OF_REACH[failure.code];
        throw worded ? new RpcError((failure as RpcError).code, worded()) : failure;
      }),
  };
}
