/**
 * The one error vocabulary of RPC and HTTP. Every code has its HTTP status here and nowhere else: a
 * server throws `ApiError(code, message)` where the refusal arises, the HTTP layer answers with the
 * status of its code, and a terminal's client keeps the code it was given.
 *
 * The general codes (no `means`) are what pages see (the RPC error codes). A specific code is a
 * general one made precise for code that acts on it (the sync engine restarts an upload on
 * OFFSET_MISMATCH); a page sees it as the general code it `means`, with the server's own words.
 */
export const ERRORS = {
  INVALID_INPUT: { status: 400 },
  BAD_REQUEST: { status: 400 },
  UNAUTHORIZED: { status: 401 },
  FORBIDDEN: { status: 403 },
  NOT_FOUND: { status: 404 },
  /** An RPC method the contract does not have. */
  UNKNOWN_METHOD: { status: 404 },
  REFUSED: { status: 409 },
  RATE_LIMITED: { status: 429 },
  INTERNAL: { status: 500 },
  UNAVAILABLE: { status: 503 },
  TIMEOUT: { status: 504 },

  INVALID_JSON: { status: 400, means: 'INVALID_INPUT' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, means: 'INVALID_INPUT' },
  TOKEN_IN_URL: { status: 400, means: 'INVALID_INPUT' },
  CHECK_CODE_REQUIRED: { status: 400, means: 'INVALID_INPUT' },
  NOT_INTAKE_COUNTER: { status: 403, means: 'FORBIDDEN' },
  CASE_NOT_FOUND: { status: 404, means: 'NOT_FOUND' },
  UPLOAD_NOT_FOUND: { status: 404, means: 'NOT_FOUND' },
  CATALOG_NOT_PUBLISHED: { status: 404, means: 'NOT_FOUND' },
  METHOD_NOT_ALLOWED: { status: 405, means: 'BAD_REQUEST' },
  /** An enrolment code already used for another terminal. */
  CONFLICT: { status: 409, means: 'REFUSED' },
  STAGE_CONFLICT: { status: 409, means: 'REFUSED' },
  ALREADY_DELIVERED: { status: 409, means: 'REFUSED' },
  MATERIAL_MISSING: { status: 409, means: 'REFUSED' },
  OFFSET_MISMATCH: { status: 409, means: 'REFUSED' },
  ANCHOR_NOT_NEWER: { status: 409, means: 'REFUSED' },
  ANCHOR_CONFLICT: { status: 409, means: 'REFUSED' },
  TOO_LARGE: { status: 413, means: 'INVALID_INPUT' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, means: 'INVALID_INPUT' },
  IDEMPOTENCY_MISMATCH: { status: 422, means: 'REFUSED' },
  HASH_MISMATCH: { status: 422, means: 'REFUSED' },
  SIZE_MISMATCH: { status: 422, means: 'REFUSED' },
  RECIPIENT_MISMATCH: { status: 422, means: 'REFUSED' },
  LOGIN_LOCKED: { status: 429, means: 'RATE_LIMITED' },
  HEADERS_TOO_LARGE: { status: 431, means: 'BAD_REQUEST' },
  /** A stopping server refusing new event streams. */
  RESTARTING: { status: 503, means: 'UNAVAILABLE' },
} as const satisfies Record<string, { status: number; means?: string }>;

export type ErrorCode = keyof typeof ERRORS;
export type GeneralErrorCode = { [C in ErrorCode]: (typeof ERRORS)[C] extends { means: string } ? never : C }[ErrorCode];

export const GENERAL_ERROR_CODES = (Object.keys(ERRORS) as ErrorCode[]).filter(
  (code): code is GeneralErrorCode => !('means' in ERRORS[code]),
);

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERRORS, code);

export const httpStatusOf = (code: ErrorCode): number => ERRORS[code].status;

/** The general code a page sees for any code of the table. */
export function generalCodeOf(code: ErrorCode): GeneralErrorCode {
  const entry = ERRORS[code] as { status: number; means?: GeneralErrorCode };
  return entry.means ?? (code as GeneralErrorCode);
}

/** The general code of an HTTP status a server answered with a code this table does not have (a newer server, a proxy). */
export function generalCodeOfStatus(status: number): GeneralErrorCode {
  if (status >= 500) return 'UNAVAILABLE';
  return GENERAL_ERROR_CODES.find((code) => ERRORS[code].status === status) ?? 'REFUSED';
}

/** A refusal where it arises (hall, platform): a code of the table and words a person can act on; the HTTP layer adds the status. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get status(): number {
    return httpStatusOf(this.code);
  }
}
