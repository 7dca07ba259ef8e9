import type { Field, LocalizedText, ObjectDefinition } from '../generated/object.ts';
import type { RoleDocument } from '../generated/role.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';

export type FieldType = Field['type'] | 'id';
export type FormulaReturnType = NonNullable<Field['returns']>;

/** One field of an object as every request sees it: custom fields from the definition plus system fields. */
export interface FieldInfo {
  readonly name: string;
  readonly type: FieldType;
  readonly label: LocalizedText;
  /** System fields (id, _version, _owner, ...) are maintained by the platform, never written by clients. */
  readonly system: boolean;
  /** The column holding the value; null for formula fields, which are computed by SQL at query time. */
  readonly column: string | null;
  /** For lookups: the object the field points to ('user' and 'department' are built in). */
  readonly target?: string;
  /** For formulas: the type of the computed value and its expression. */
  readonly returns?: FormulaReturnType;
  readonly expression?: unknown;
  /** For enum and multienum fields: the allowed values. */
  readonly options?: readonly string[];
  /** The definition as written by the administrator (absent for system fields). */
  readonly definition?: Field;
}

export interface ObjectInfo {
  readonly name: string;
  readonly label: LocalizedText;
  /** Built-in objects (user, department) can be reached through lookups but not through the records API. */
  readonly system: boolean;
  /** Schema-qualified table name, never shown to clients. */
  readonly table: string;
  readonly version: number;
  readonly definition: ObjectDefinition;
  /** All fields by name, system fields included. */
  readonly fields: ReadonlyMap<string, FieldInfo>;
  /** The administrator's fields in definition order. */
  readonly customFields: readonly FieldInfo[];
  readonly titleField: string;
  readonly history: ReadonlySet<string>;
}

/** The lookups that point at an object, used to repoint them on merge and to refuse unsafe deletes. */
export interface IncomingLookup {
  readonly object: string;
  readonly field: string;
}

/** An immutable, compiled view of every definition, shared by all requests until the next metadata change. */
export interface SchemaSnapshot {
  readonly version: number;
  readonly objects: ReadonlyMap<string, ObjectInfo>;
  /** Every role document by name; the permission engine reads them from here, never from the database. */
  readonly roles: ReadonlyMap<string, RoleDocument>;
  /** The latest version of every workflow by name (running instances load their own version). */
  readonly workflows: ReadonlyMap<string, StoredWorkflow>;
  /** Throws NOT_FOUND for an unknown or system object when `recordsOnly` is set. */
  object(name: string, options?: { recordsOnly?: boolean }): ObjectInfo;
  incomingLookups(object: string): readonly IncomingLookup[];
  /** Maps a generated constraint or index name back to the object and fields it guards. */
  constraint(name: string): GuardedConstraint | undefined;
}

export interface GuardedConstraint {
  readonly object: string;
  readonly fields: readonly string[];
  readonly kind: 'unique' | 'lookup';
  /** A `uniqueWhere` rule's own words for a write that breaks it. */
  readonly message?: { en?: string; 'zh-CN'?: string };
}

export interface StoredWorkflow {
  readonly definition: WorkflowDefinition;
  readonly version: number;
}
