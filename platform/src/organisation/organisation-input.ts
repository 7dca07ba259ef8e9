import { createError, type ErrorDetail } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';

/** Collects problems with a request body so one 422 can name all of them. */
export class InputProblems {
  readonly details: ErrorDetail[] = [];

  add(path: string, message: string): void {
    this.details.push({ path, message });
  }

  throwIfAny(message: string): void {
    if (this.details.length) throw createError('VALIDATION_FAILED', message, this.details);
  }
}

/** An id in a path segment: anything that is not one cannot name an existing row. */
export function idParam(value: string, what: string): string {
  if (isId(value)) return value;
  throw createError('NOT_FOUND', `There is no ${what} with id '${String(value).slice(0, 40)}'.`);
}

export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw createError('BAD_REQUEST', 'The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

export function rejectUnknownKeys(body: Record<string, unknown>, known: readonly string[], problems: InputProblems): void {
  for (const key of Object.keys(body)) if (!known.includes(key)) problems.add(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, `'${key.slice(0, 60)}' is not a known property`);
}

/** A reference to another row: an id as a string (or a whole number), or null to clear it. */
export function readReference(body: Record<string, unknown>, key: string, problems: InputProblems): string | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) return value;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && isId(text)) return text;
  problems.add(`/${key}`, `${key} must be an id or null`);
  return undefined;
}

export function readText(body: Record<string, unknown>, key: string, maxLength: number, problems: InputProblems): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') problems.add(`/${key}`, `${key} must be a non-empty string`);
  else if (value.length > maxLength) problems.add(`/${key}`, `${key} must be at most ${maxLength} characters`);
  else return value.trim();
  return undefined;
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
