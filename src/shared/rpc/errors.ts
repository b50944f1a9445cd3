import { GENERAL_ERROR_CODES, type GeneralErrorCode } from '../errors.js';

/**
 * Error codes that cross the RPC boundary: the general codes of the one error table
 * (src/shared/errors.ts). The message is for a person (zh-CN first, English second) and says what was
 * wrong and what to do; the code is for code.
 */
export const RPC_ERROR_CODES = GENERAL_ERROR_CODES as readonly GeneralErrorCode[] as readonly [GeneralErrorCode, ...GeneralErrorCode[]];
export type RpcErrorCode = GeneralErrorCode;

export class RpcError extends Error {
  readonly code: RpcErrorCode;

  constructor(code: RpcErrorCode, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}
