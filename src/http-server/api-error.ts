/** A refusal one of our servers gives on purpose, with the HTTP status and words a citizen or clerk can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
