import { AppError, createError } from './errors.ts';
import type { SchemaSnapshot } from '../metadata/snapshot-types.ts';

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
      return createError(
        'UNIQUE_VIOLATION',
        fields.length ? `Another record already has this ${fields.join(' + ')}.` : 'Another record already has this value.',
        fields.map((f) => ({ path: `/${f}`, message: `${f} must be unique` })),
      );
    }
    case '23503':
      if (guarded?.kind === 'lookup' && err.severity !== undefined) {
        // Either a lookup names a record that does not exist, or a purge meets a 'restrict' lookup.
        return createError('VALIDATION_FAILED', 'A lookup refers to a record that does not exist, or a record is still referred to.',
          guarded.fields.map((f) => ({ path: `/${f}`, message: `${f} must refer to an existing record` })));
      }
      return createError('CONFLICT', 'Other records still refer to this record.');
    case '23001':
      return createError('CONFLICT', 'Other records still refer to this record.');
    case '40001':
    case '40P01':
    case '55P03':
      return createError('CONFLICT', 'The record was being changed by someone else at the same moment; try again.');
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22023':
    case '22021':
    case '22P05':
      return createError('VALIDATION_FAILED', 'A value is out of range or in the wrong format.');
    case '54000':
    case '54001':
      return createError('BAD_REQUEST', 'The request is too complex.');
    case '57014':
      return createError('BAD_REQUEST', 'The request took too long and was cancelled; narrow the filter.');
    default:
      return undefined;
  }
}
