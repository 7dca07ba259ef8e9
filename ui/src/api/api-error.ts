import type { ErrorDetail } from './types';

/** One problem the server found, at a JSON pointer into what was sent (and any extras the server adds). */
export type { ErrorDetail };

/** An error answer of the API (docs/errors.md), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], body: Record<string, unknown> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
