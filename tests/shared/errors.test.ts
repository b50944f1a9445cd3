import { describe, expect, it } from 'vitest';
import { ERRORS, generalCodeOf, generalCodeOfStatus, httpStatusOf, type ErrorCode } from '../../src/shared/errors.js';
import { RPC_ERROR_CODES } from '../../src/shared/rpc/errors.js';

describe('the one error table', () => {
  it('gives each general code its HTTP status', () => {
    const statuses = Object.fromEntries(RPC_ERROR_CODES.map((code) => [code, httpStatusOf(code)]));
    expect(statuses).toEqual({
      INVALID_INPUT: 400,
      BAD_REQUEST: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      UNKNOWN_METHOD: 404,
      REFUSED: 409,
      RATE_LIMITED: 429,
      INTERNAL: 500,
      UNAVAILABLE: 503,
      TIMEOUT: 504,
    });
  });

  it('makes every specific code one of the general codes pages see', () => {
    for (const code of Object.keys(ERRORS) as ErrorCode[]) expect(RPC_ERROR_CODES).toContain(generalCodeOf(code));
    expect(generalCodeOf('LOGIN_LOCKED')).toBe('RATE_LIMITED');
    expect(generalCodeOf('RECIPIENT_MISMATCH')).toBe('REFUSED');
    expect(generalCodeOf('FORBIDDEN')).toBe('FORBIDDEN');
  });

  it('names a general code for a status a server answered with an unknown code', () => {
    expect([400, 401, 403, 404, 409, 422, 429, 500, 502].map(generalCodeOfStatus)).toEqual([
      'INVALID_INPUT',
      'UNAUTHORIZED',
      'FORBIDDEN',
      'NOT_FOUND',
      'REFUSED',
      'REFUSED',
      'RATE_LIMITED',
      'UNAVAILABLE',
      'UNAVAILABLE',
    ]);
  });
});
