import type { FieldInfo, FormulaReturnType } from '../core/snapshot-types.ts';

/** How a field's values are compared, checked and bound, whatever its declared type. */
export type ValueKind = 'number' | 'integer' | 'id' | 'text' | 'boolean' | 'date' | 'datetime' | 'multienum' | 'json';

/** The PostgreSQL type a kind is stored as (and bound values are cast to). */
export const SQL_TYPE: Readonly<Record<ValueKind, string>> = {
  number: 'numeric',
  integer: 'bigint',
  id: 'bigint',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
  multienum: 'text[]',
  json: 'jsonb',
};

export function kindOfType(type: FieldInfo['type'] | FormulaReturnType): ValueKind {
  switch (type) {
    case 'number':
    case 'currency':
    case 'percent':
      return 'number';
    case 'integer':
      return 'integer';
    case 'id':
    case 'lookup':
      return 'id';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'multienum':
      return 'multienum';
    case 'json':
      return 'json';
    case 'text':
    case 'textarea':
    case 'enum':
    case 'email':
    case 'phone':
    case 'url':
      return 'text';
    case 'formula':
      // A formula without a return type cannot be compiled; compileFormula reports that.
      return 'text';
    default: {
      const exhaustive: never = type;
      return exhaustive;
    }
  }
}

/** The kind of a field's value; a formula's kind is that of the type it returns. */
export function fieldKind(field: FieldInfo): ValueKind {
  return kindOfType(field.type === 'formula' ? (field.returns ?? 'text') : field.type);
}
