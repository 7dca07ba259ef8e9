import type { Field } from '../generated/object.ts';
import { SQL_TYPE, kindOfType } from '../query/field-kind.ts';
import { quoteIdentifier, quoteTable } from '../query/sql-fragment.ts';
import { recordTable } from '../metadata/naming.ts';

export type StoredFieldType = Exclude<Field['type'], 'formula'>;
export type ColumnType = 'text' | 'numeric' | 'bigint' | 'boolean' | 'date' | 'timestamptz' | 'text[]' | 'jsonb';

/** The column a field is stored in; null for formulas, which are computed at query time. */
export function columnTypeOf(type: Field['type']): ColumnType | null {
  return type === 'formula' ? null : (SQL_TYPE[kindOfType(type)] as ColumnType);
}

/** Columns every record table starts with, and the types indexes on them see. */
export const SYSTEM_COLUMN_TYPES: Readonly<Record<string, ColumnType | 'integer'>> = {
  id: 'bigint',
  _version: 'integer',
  _owner: 'bigint',
  _department: 'bigint',
  _state: 'text',
  _created_at: 'timestamptz',
  _created_by: 'bigint',
  _updated_at: 'timestamptz',
  _deleted_at: 'timestamptz',
  _deleted_by: 'bigint',
};

/** `"records"."account"` for a record table. */
export function recordTableSql(object: string): string {
  return quoteTable(recordTable(object));
}

/** The table a lookup to `target` references: the platform tables for users and departments. */
export function lookupTableSql(target: string): string {
  if (target === 'user') return quoteIdentifier('users');
  if (target === 'department') return quoteIdentifier('departments');
  return recordTableSql(target);
}

export { quoteIdentifier };
