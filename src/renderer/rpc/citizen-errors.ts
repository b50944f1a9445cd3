import { RpcError, type RpcErrorCode } from '../../shared/rpc/errors.js';
import type { RendererRpc } from './connection.js';

/**
 * What a citizen is told when the terminal cannot reach what it needs. The clerk's message names the
 * server and what to check; a citizen can do neither, and must never see an address or a code.
 */
const OUT_OF_REACH: Partial<Record<RpcErrorCode, string>> = {
  UNAVAILABLE:
    '暂时连接不上服务，正在自动重试，请稍候再试；如需帮助请到服务咨询台 / The service cannot be reached right now and is being retried: try again in a moment, or ask at the help desk',
  TIMEOUT:
    '服务响应较慢，请稍候再试；如需帮助请到服务咨询台 / The service is slow to answer: try again in a moment, or ask at the help desk',
};

/** The same connection, its out-of-reach failures worded for the public screens (kiosk, customer screen, board). */
export function forCitizens(rpc: RendererRpc): RendererRpc {
  return {
    ...rpc,
    invoke: (method, input) =>
      rpc.invoke(method, input).catch((failure: unknown) => {
        const worded = failure instanceof RpcError && OUT_OF_REACH[failure.code];
        throw worded ? new RpcError((failure as RpcError).code, worded) : failure;
      }),
  };
}
