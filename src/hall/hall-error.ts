/** A refusal the hall server gives on purpose, with the HTTP status and words a citizen or clerk can act on. */
export class HallError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'REFUSED' | 'INVALID_INPUT' | 'UNAUTHORIZED' | 'FORBIDDEN',
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'HallError';
  }
}
