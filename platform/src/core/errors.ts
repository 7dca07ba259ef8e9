/** Every error a client can see has one of these codes; the HTTP status follows from the code alone. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_FILTER'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'DUPLICATE'
  | 'UNIQUE_VIOLATION'
  | 'LOSSY_CHANGE'
  | 'VALIDATION_FAILED'
  | 'LOCKED'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INTERNAL';

export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly meta: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], meta?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.meta = meta;
  }
}

export function createError(
  code: ErrorCode,
  message: string,
  details?: ErrorDetail[],
  meta?: Record<string, unknown>,
): AppError {
  return new AppError(code, message, details, meta);
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'INVALID_FILTER':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'STALE_VERSION':
    case 'DUPLICATE':
    case 'UNIQUE_VIOLATION':
    case 'LOSSY_CHANGE':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'VALIDATION_FAILED':
      return 422;
    case 'LOCKED':
      return 423;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}
