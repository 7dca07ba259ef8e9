import { i18n } from '@/i18n';
import { isApiError, type ErrorDetail } from '@/api/api-error';

const KNOWN = new Set([
  'BAD_REQUEST', 'INVALID_FILTER', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'STALE_VERSION', 'DUPLICATE',
  'UNIQUE_VIOLATION', 'LOSSY_CHANGE', 'VALIDATION_FAILED', 'LOCKED', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'INTERNAL', 'NETWORK',
]);

export interface ErrorText {
  /** What happened, in the user's language. */
  title: string;
  /** The server's own sentence (validation-rule messages already come in the user's language). */
  detail: string;
  details: ErrorDetail[];
}

/** Turns anything thrown by an API call into sentences for the user. */
export function errorText(error: unknown): ErrorText {
  const t = i18n.global.t;
  if (!isApiError(error)) return { title: t('errors.INTERNAL'), detail: error instanceof Error ? error.message : String(error), details: [] };
  const code = KNOWN.has(error.code) ? error.code : error.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  return { title: t(`errors.${code}`), detail: error.message, details: error.details };
}

/** One line: the localized title, then the server's sentence. */
export function errorLine(error: unknown): string {
  const { title, detail } = errorText(error);
  return detail && detail !== title ? `${title} ${detail}` : title;
}

/** The server's own sentence (already in the user's language), else what happened; for a reason given inline. */
export function errorSentence(error: unknown): string {
  const { title, detail } = errorText(error);
  return detail || title;
}
