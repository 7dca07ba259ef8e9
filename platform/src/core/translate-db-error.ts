import { AppError, createError } from './errors.ts';
import type { SchemaSnapshot } from './snapshot-types.ts';
import { msg } from './messages/message.ts';
import { ruleText } from './messages/rule-text.ts';

interface DatabaseError {
  code?: string;
  constraint?: string;
  severity?: string;
}

const isDatabaseError = (err: unknown): err is DatabaseError =>
  typeof err === 'object' && err !== null && typeof (err as DatabaseError).code === 'string' && /^[0-9A-Z]{5}$/.test((err as DatabaseError).code!);

/**
 * Turns a PostgreSQL error into the API's error shape without revealing SQL, table or constraint
 * names; returns undefined for errors that are the server's own fault.
 */
export function translateDbError(err: unknown, schema: SchemaSnapshot): AppError | undefined {
  if (!isDatabaseError(err)) return undefined;
  const guarded = err.constraint ? schema.constraint(err.constraint) : undefined;
  switch (err.code) {
    case '23505': {
      const fields = guarded?.fields ?? [];
      const said = guarded?.message ? ruleText(guarded.message, fields.join(' + ')) : undefined;
      return createError(
        'UNIQUE_VIOLATION',
        said ?? (fields.length ? msg('db.uniqueFields', { fields: fields.join(' + ') }) : msg('db.unique')),
        fields.map((f) => ({ path: `/${f}`, message: msg('db.mustBeUnique', { field: f }) })),
      );
    }
    case '23503':
      if (guarded?.kind === 'lookup' && err.severity !== undefined) {
        // Either a lookup names a record that does not exist, or a purge meets a 'restrict' lookup.
        return createError('VALIDATION_FAILED', msg('db.foreignKey'),
          guarded.fields.map((f) => ({ path: `/${f}`, message: msg('db.mustReferExisting', { field: f }) })));
      }
      return createError('CONFLICT', msg('db.stillReferred'));
    case '23001':
      return createError('CONFLICT', msg('db.stillReferred'));
    case '40001':
    case '40P01':
    case '55P03':
      return createError('CONFLICT', msg('db.concurrent'));
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22023':
    case '22021':
    case '22P05':
      return createError('VALIDATION_FAILED', msg('db.badValue'));
    case '54000':
    case '54001':
      return createError('BAD_REQUEST', msg('db.tooComplex'));
    case '57014':
      return createError('BAD_REQUEST', msg('db.timeout'));
    default:
      return undefined;
  }
}
