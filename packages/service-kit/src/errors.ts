/**
 * A failure the client can act on. Thrown anywhere in a request; the central error handler turns
 * it into `{error: {code, message, details?}}` with its status. Anything else becomes a generic 500.
 */
export class AppError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: unknown;

  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new AppError(400, code, message, details);
export const unauthorized = (message = 'A valid bearer token is required') => new AppError(401, 'UNAUTHORIZED', message);
export const forbidden = (message = 'Your role does not allow this') => new AppError(403, 'FORBIDDEN', message);
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) => new AppError(409, code, message, details);
export const unavailable = (message: string) => new AppError(503, 'UNAVAILABLE', message);
