import { createError, type AppError } from '../core/errors.ts';
import type { Message } from '../core/messages/message.ts';

/** A 400 naming the JSON pointer of the offending part of a filter, sort or formula. */
export function invalidFilter(pointer: string, message: string | Message): AppError {
  return createError('INVALID_FILTER', message, [{ path: pointer, message }]);
}

/** Client text quoted back in a message, shortened so an error never echoes a huge payload. */
export function quoted(text: unknown): string {
  const s = typeof text === 'string' ? text : JSON.stringify(text) ?? String(text);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export { pointerToken } from '../core/json-pointer.ts';
