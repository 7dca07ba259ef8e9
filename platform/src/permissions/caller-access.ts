import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { parseRecordId, recordNotFound } from './readable-row.ts';
import { lessOf, type FieldAccess } from './field-access.ts';
import { STANDARD_OPERATIONS } from './operations.ts';
import { resolvePolicy, tryResolvePolicy, type Operation } from './resolve-policy.ts';
import { scopedQuery } from './scoped-query.ts';
import { workflowOwnedValues } from '../metadata/workflow-owned-values.ts';
import type { LocalizedText } from '../generated/workflow.ts';

/** A value of a field that only a workflow sets, after its approval; the caller's update may not set it. */
export interface WorkflowOwnedValue {
  field: string;
  value: unknown;
  workflow: { name: string; label?: LocalizedText };
  state: { name: string; label?: LocalizedText };
}

export interface ObjectAccess {
  object: string;
  operations: Record<string, boolean>;
  fields: Record<string, FieldAccess>;
  /** Values of readable fields the caller's updates may not set (docs/workflows.md, "Values a workflow owns"). */
  workflowOwned: WorkflowOwnedValue[];
}

export interface RecordAccess {
  object: string;
  id: string;
  state: string | null;
  operations: Record<string, boolean>;
  fields: Record<string, FieldAccess>;
}

/** Operations that act on one existing record, answered per record. */
const RECORD_OPERATIONS: readonly Operation[] = ['update', 'delete', 'transfer', 'submit', 'approve'];

/** Custom actions (e.g. a lead's `convert`) that any role grants on the object. */
function customOperations(object: ObjectInfo, ctx: Ctx): string[] {
  const names = new Set<string>();
  for (const role of ctx.schema.roles.values()) {
    for (const op of role.objects?.[object.name]?.operations ?? []) if (!(STANDARD_OPERATIONS as readonly string[]).includes(op)) names.add(op);
  }
  return [...names].sort();
}

/** What the caller may do with an object in general, so a client can shape its screens; the server still checks every call. */
export function objectAccess(objectName: string, ctx: Ctx): ObjectAccess {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  const operations = Object.fromEntries([...STANDARD_OPERATIONS, ...customOperations(object, ctx)].map((op) => [op, tryResolvePolicy(ctx, object, op) !== null]));
  const read = tryResolvePolicy(ctx, object, 'read');
  const update = tryResolvePolicy(ctx, object, 'update');
  const fields: Record<string, FieldAccess> = {};
  for (const field of object.customFields) {
    const readable = read?.fieldAccess(field) ?? 'none';
    fields[field.name] = update || tryResolvePolicy(ctx, object, 'create') ? readable : lessOf(readable, 'read');
  }
  return { object: object.name, operations, fields, workflowOwned: ownedValuesFor(object, fields, ctx) };
}

function ownedValuesFor(object: ObjectInfo, fields: Record<string, FieldAccess>, ctx: Ctx): WorkflowOwnedValue[] {
  // As with locked states, the system and superusers are not held.
  if (ctx.actor.kind !== 'user' || ctx.actor.superuser) return [];
  return [...workflowOwnedValues(object.name, ctx.schema.workflows).values()]
    .filter((owned) => (fields[owned.field] ?? 'none') !== 'none')
    .map((owned) => ({
      field: owned.field,
      value: owned.value,
      workflow: { name: owned.workflow.name, label: owned.workflow.label },
      state: { name: owned.state, label: owned.workflow.states[owned.state]?.label },
    }));
}

/**
 * What the caller may do with one record in its current workflow state: each operation's row scope
 * is evaluated on the row in one statement, and field access follows the state's caps.
 */
export async function recordAccess(objectName: string, id: string, ctx: Ctx): Promise<RecordAccess> {
  const object = ctx.schema.object(objectName, { recordsOnly: true });
  // The assignee of an open approval task reads its record, so they may ask what they can do with it.
  const { query } = scopedQuery(ctx, objectName, 'read', { openTasks: true });
  const recordOperations = [...RECORD_OPERATIONS, ...customOperations(object, ctx)];
  const row = await query.where('t0.id', parseRecordId(id)).first(['t0.id', 't0._state', ...operationColumns(object, recordOperations, ctx)]);
  if (!row) throw recordNotFound(object, id);
  const state = (row._state as string | null) ?? null;
  const operations: Record<string, boolean> = {};
  recordOperations.forEach((op, i) => (operations[op] = row[`can_${i}`] === true));
  const read = resolvePolicy(ctx, object, 'read', { openTasks: true });
  const update = operations.update ? resolvePolicy(ctx, object, 'update') : null;
  const fields: Record<string, FieldAccess> = {};
  for (const field of object.customFields) {
    const readable = read.fieldAccessIn(field, state);
    fields[field.name] = update ? lessOf(readable, update.fieldAccessIn(field, state)) : lessOf(readable, 'read');
  }
  return { object: object.name, id: String(row.id), state, operations, fields };
}

/** `(<scope of op>) AS can_<i>` select expressions for the record operations (constant when no scope applies). */
function operationColumns(object: ObjectInfo, operations: readonly Operation[], ctx: Ctx): Knex.Raw[] {
  // Columns are numbered: custom action names are not SQL identifiers the caller should shape.
  return operations.map((op, i) => {
    const policy = tryResolvePolicy(ctx, object, op);
    if (!policy) return ctx.db.raw(`false AS ??`, [`can_${i}`]);
    const filter = policy.rowFilter('t0');
    if (!filter) return ctx.db.raw(`true AS ??`, [`can_${i}`]);
    return ctx.db.raw(`(${filter.sql}) AS ??`, [...(filter.bindings as Knex.RawBinding[]), `can_${i}`]);
  });
}
