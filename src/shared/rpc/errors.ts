/**
 * Error codes that cross the RPC boundary. The message is for a person (zh-CN first, English second)
 * and says what was wrong and what to do; the code is for code.
 */
export const RPC_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  'INVALID_INPUT',
  'REFUSED',
  'NOT_FOUND',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

export class RpcError extends Error {
  readonly code: RpcErrorCode;

  constructor(code: RpcErrorCode, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}
