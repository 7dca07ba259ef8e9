import { isMessage, renderMessage, type Language, type Message } from './messages/message.ts';

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

/** Where a detail keeps its catalogue message; `message` stays English for code and logs that read it. */
const LOCALIZED = Symbol('localized message');

export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

/** A detail as callers give it: the message may be a catalogue message. */
export interface ErrorDetailInput {
  path: string;
  message: string | Message;
  [extra: string]: unknown;
}

/** A detail whose message renders in the reader's language; spreading it (`{ ...d, path }`) keeps that. */
export function detail(path: string, message: string | Message, extra?: Record<string, unknown>): ErrorDetail {
  return toDetail({ ...extra, path, message });
}

function toDetail(input: ErrorDetailInput): ErrorDetail {
  if (!isMessage(input.message)) return input as ErrorDetail;
  return { ...input, message: renderMessage(input.message, 'en'), [LOCALIZED]: input.message };
}

/** A detail's message in `lang` (its English text when it was given as a plain string). */
export function detailText(d: ErrorDetail, lang: Language): string {
  const localized = (d as { [LOCALIZED]?: Message })[LOCALIZED];
  return localized ? renderMessage(localized, lang) : d.message;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly meta: Record<string, unknown> | undefined;
  /** The catalogue message, when the error was made with one; `message` is its English text. */
  readonly localized: Message | undefined;

  constructor(code: ErrorCode, message: string | Message, details?: ErrorDetailInput[], meta?: Record<string, unknown>) {
    super(isMessage(message) ? renderMessage(message, 'en') : message);
    this.name = 'AppError';
    this.code = code;
    this.details = details?.map(toDetail);
    this.meta = meta;
    this.localized = isMessage(message) ? message : undefined;
  }

  /** The message in `lang`. */
  text(lang: Language): string {
    return this.localized ? renderMessage(this.localized, lang) : this.message;
  }
}

export function createError(
  code: ErrorCode,
  message: string | Message,
  details?: ErrorDetailInput[],
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
