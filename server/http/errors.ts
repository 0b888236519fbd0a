/**
 * The one error type of the gateway. Services throw it; the app's single error handler turns it
 * into `{ error: { code, message, fields? } }` (or an HTML page / a redirect for browser forms).
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: number, code: string, message: string, options: { fields?: Record<string, string>; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

/** 400 for a body that failed validation, with one message per field. */
export function invalidInput(fields: Record<string, string>): AppError {
  const first = Object.entries(fields)[0];
  return new AppError(400, 'invalid_input', first ? `${first[0]}: ${first[1]}` : 'The request is not valid.', { fields });
}

/** 429 with Retry-After, once a rate limit is passed. */
export function rateLimited(retryAfter: number): AppError {
  return new AppError(429, 'rate_limited', `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
    headers: { 'Retry-After': String(retryAfter) },
  });
}
