import type { DedupRule, Field, ObjectDefinition } from '../generated/object.ts';
import { SYSTEM_COLUMN_TYPES, columnTypeOf, quoteIdentifier, type ColumnType, type StoredFieldType } from './column-types.ts';
import { constraintName } from '../metadata/naming.ts';
import { normalizeSql } from './normalize-sql.ts';
import { phoneKeySql } from '../query/phone-key.ts';
import type { ColumnSpec, IndexKey } from './schema-actions.ts';
import { fieldGramsSql, searchFieldsOf } from './search-document.ts';
import { uniqueWherePredicate } from './unique-where.ts';

export interface ForeignKeySpec {
  name: string;
  field: string;
  target: string;
  onDelete: 'SET NULL' | 'RESTRICT';
}

export type IndexSpec =
  | { kind: 'unique'; name: string; fields: string[]; signature: string; where?: string; rule?: string }
  | { kind: 'index'; name: string; keys: IndexKey[]; signature: string }
  | { kind: 'dedup'; name: string; rule: string; expressions: string[]; signature: string }
  | { kind: 'search'; name: string; field: string; expression: string; signature: string }
  | { kind: 'phone'; name: string; field: string; expression: string; signature: string };

/** Everything a definition asks of its table, keyed by column or constraint name so two versions can be compared. */
export interface ObjectStorage {
  columns: Map<string, ColumnSpec>;
  foreignKeys: Map<string, ForeignKeySpec>;
  indexes: Map<string, IndexSpec>;
}

/** The SQL expressions of a dedup rule's key, in rule order, over the given table alias (none by default). */
export function dedupExpressions(rule: DedupRule, alias?: string): string[] {
  const prefix = alias ? `${quoteIdentifier(alias)}.` : '';
  return rule.fields.map((f) => normalizeSql(f.normalize ?? 'text', prefix + quoteIdentifier(f.field)));
}

/** System columns that lists filter on for every role scope. */
const SYSTEM_INDEXES: readonly string[] = ['_owner', '_department'];

export function objectStorage(def: ObjectDefinition): ObjectStorage {
  const columns = new Map<string, ColumnSpec>();
  const foreignKeys = new Map<string, ForeignKeySpec>();
  const indexes = new Map<string, IndexSpec>();
  const typeOf = (field: string): ColumnType | 'integer' | undefined => columns.get(field)?.columnType ?? SYSTEM_COLUMN_TYPES[field];
  // The column types are part of a signature: an index over a column whose type changes is rebuilt.
  const signature = (head: string, fields: readonly string[]) => `${head}|${fields.map((f) => `${f}:${typeOf(f)}`).join(',')}`;
  const addIndex = (keys: IndexKey[], named: IndexKey[] = keys) => {
    const parts = named.map((k) => (k.descending ? `${k.field}_desc` : k.field));
    const name = constraintName('ix', def.name, parts);
    indexes.set(name, { kind: 'index', name, keys, signature: signature(`ix:${parts.join(',')}`, keys.map((k) => k.field)) });
  };

  for (const f of def.fields) {
    const columnType = columnTypeOf(f.type);
    if (columnType) columns.set(f.name, { field: f.name, type: f.type as StoredFieldType, columnType });
  }
  const stored = (field: string) => columns.has(field) || field in SYSTEM_COLUMN_TYPES;

  for (const field of SYSTEM_INDEXES) addIndex([{ field, descending: false }]);
  for (const f of def.fields) {
    if (f.type === 'lookup' && f.target) {
      const name = constraintName('fk', def.name, [f.name]);
      foreignKeys.set(name, { name, field: f.name, target: f.target, onDelete: onDeleteOf(f) });
      // Named like a one-field index on the same column, so an identical entry in `indexes` merges with it.
      addIndex([{ field: f.name, descending: false }]);
    }
    if (f.unique && columns.has(f.name)) addUnique(indexes, def.name, [f.name], signature);
  }
  for (const group of def.unique ?? []) {
    if (group.every((f) => columns.has(f))) addUnique(indexes, def.name, group, signature);
  }
  for (const rule of def.uniqueWhere ?? []) {
    const where = uniqueWherePredicate(rule.where, def, '').sql;
    if (!where || !rule.fields.every((f) => columns.has(f))) continue;
    const name = constraintName('uw', def.name, [rule.name]);
    indexes.set(name, { kind: 'unique', name, fields: rule.fields, where, rule: rule.name, signature: signature(`uw:${where}`, rule.fields) });
  }
  for (const index of def.indexes ?? []) {
    const keys = index.fields.map((k) => ({ field: k.replace(/^-/, ''), descending: k.startsWith('-') }));
    // Lists always end their ORDER BY with id, so an index that ends with id serves the whole sort.
    const withId = keys.some((k) => k.field === 'id') ? keys : [...keys, { field: 'id', descending: false }];
    if (keys.every((k) => stored(k.field))) addIndex(withId, keys);
  }
  for (const rule of def.dedup ?? []) {
    if (!rule.fields.every((f) => columns.has(f.field))) continue;
    const name = constraintName('dd', def.name, [rule.name]);
    const expressions = dedupExpressions(rule);
    indexes.set(name, { kind: 'dedup', name, rule: rule.name, expressions, signature: signature(`dd:${expressions.join(',')}`, rule.fields.map((f) => f.field)) });
  }
  for (const field of searchFieldsOf(def)) {
    const name = constraintName('sx', def.name, [field.name]);
    const expression = fieldGramsSql(field);
    indexes.set(name, { kind: 'search', name, field: field.name, expression, signature: signature(`sx:${expression}`, [field.name]) });
  }
  for (const field of def.fields.filter((f) => f.type === 'phone' && columns.has(f.name))) {
    const name = constraintName('px', def.name, [field.name]);
    const expression = phoneKeySql(quoteIdentifier(field.name));
    indexes.set(name, { kind: 'phone', name, field: field.name, expression, signature: signature(`px:${expression}`, [field.name]) });
  }
  return { columns, foreignKeys, indexes };
}

function addUnique(indexes: Map<string, IndexSpec>, object: string, fields: string[], signature: (head: string, fields: readonly string[]) => string) {
  const name = constraintName('uq', object, fields);
  indexes.set(name, { kind: 'unique', name, fields, signature: signature('uq', fields) });
}

function onDeleteOf(field: Field): ForeignKeySpec['onDelete'] {
  return field.onTargetDelete === 'restrict' ? 'RESTRICT' : 'SET NULL';
}
