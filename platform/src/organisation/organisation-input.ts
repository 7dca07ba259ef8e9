import { createError, detail, type ErrorDetail } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { msg, type Message } from '../core/messages/message.ts';
import { kindLabel } from '../core/messages/kind-labels.ts';

/** Collects problems with a request body so one 422 can name all of them. */
export class InputProblems {
  readonly details: ErrorDetail[] = [];

  add(path: string, message: string | Message): void {
    this.details.push(detail(path, message));
  }

  throwIfAny(message: string | Message): void {
    if (this.details.length) throw createError('VALIDATION_FAILED', message, this.details);
  }
}

/** An id in a path segment: anything that is not one cannot name an existing row. */
export function idParam(value: string, what: string): string {
  if (isId(value)) return value;
  throw createError('NOT_FOUND', msg('org.idNotFound', { what: kindLabel(what), id: String(value).slice(0, 40) }));
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', msg('org.bodyObject'));
  return body as Record<string, unknown>;
}

export function rejectUnknownKeys(body: Record<string, unknown>, known: readonly string[], problems: InputProblems): void {
  for (const key of Object.keys(body)) if (!known.includes(key)) problems.add(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, msg('value.notAKnownKey', { key: key.slice(0, 60) }));
}

/** A reference to another row: an id as a string (or a whole number), or null to clear it. */
export function readReference(body: Record<string, unknown>, key: string, problems: InputProblems): string | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) return value;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && isId(text)) return text;
  problems.add(`/${key}`, msg('org.idOrNull', { key }));
  return undefined;
}

export function readText(body: Record<string, unknown>, key: string, maxLength: number, problems: InputProblems): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') problems.add(`/${key}`, msg('org.nonEmpty', { key }));
  else if (value.length > maxLength) problems.add(`/${key}`, msg('org.maxLength', { key, max: maxLength }));
  else return value.trim();
  return undefined;
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
