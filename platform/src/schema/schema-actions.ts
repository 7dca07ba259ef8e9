import type { ColumnType, StoredFieldType } from './column-types.ts';
import type { Message } from '../core/messages/message.ts';

/** A column of a record table and the field type it stores. */
export interface ColumnSpec {
  field: string;
  type: StoredFieldType;
  columnType: ColumnType;
}

export interface IndexKey {
  field: string;
  descending: boolean;
}

interface Action<K extends string> {
  kind: K;
  object: string;
  /** What the step does, for logs, previews and refusals (rendered in the reader's language). */
  description: Message;
}

/**
 * One step of a change to a record table. A plan is a list of these, ordered so they apply
 * cleanly in one transaction; applySchemaActions turns each into DDL.
 */
export type SchemaAction =
  | (Action<'createTable'> & { columns: ColumnSpec[] })
  | Action<'dropTable'>
  | (Action<'addColumn'> & ColumnSpec)
  | (Action<'dropColumn'> & { field: string; toFormula: boolean })
  | (Action<'alterColumnType'> & {
      field: string;
      from: StoredFieldType;
      to: StoredFieldType;
      columnType: ColumnType;
      /** Total expression over the old column: values that do not convert become NULL. */
      usingSql: string;
      lossy: boolean;
      /** Predicate over the old column, true for rows that would lose data; null when none can. */
      lossSql: string | null;
      /** Completes "N records have ...". */
      loss: Message | null;
    })
  /** Empties a column whose values no longer mean anything, e.g. a lookup pointed at another object. */
  | (Action<'clearColumn'> & { field: string; reason: Message })
  | (Action<'addForeignKey'> & { name: string; field: string; target: string; onDelete: 'SET NULL' | 'RESTRICT'; notValid: boolean })
  | (Action<'dropForeignKey'> & { name: string; field: string })
  | (Action<'addUniqueIndex'> & { name: string; fields: string[]; where?: string })
  | (Action<'dropUniqueIndex'> & { name: string })
  | (Action<'addIndex'> & { name: string; keys: IndexKey[] })
  | (Action<'dropIndex'> & { name: string })
  | (Action<'addDedupIndex'> & { name: string; rule: string; expressions: string[] })
  | (Action<'dropDedupIndex'> & { name: string; rule: string })
  /** A GIN index of global search over the two- and three-character pieces of one search field. */
  | (Action<'addSearchIndex'> & { name: string; expression: string })
  | (Action<'dropSearchIndex'> & { name: string })
  /** A B-tree index of the phone key of one phone field, which the `$phone` filter operator hits. */
  | (Action<'addPhoneIndex'> & { name: string; expression: string })
  | (Action<'dropPhoneIndex'> & { name: string })
  /** Removes enum options from stored values: enums become NULL, multienums lose those elements. */
  | (Action<'clearRemovedOptions'> & { field: string; values: string[]; multiple: boolean; /** `values` are the options kept; every other value goes. */ keepOnly?: boolean });

export type SchemaActionKind = SchemaAction['kind'];
export type SchemaActionOf<K extends SchemaActionKind> = Extract<SchemaAction, { kind: K }>;
