import type { ObjectInfo, SchemaSnapshot } from '../core/snapshot-types.ts';
import type { SqlFragment } from '../query/sql-fragment.ts';
import { quoteIdentifier } from '../query/sql-fragment.ts';
import { approversOf, transitionsOf } from '../metadata/workflow-shape.ts';
import { filterPaths } from '../query/filter-paths.ts';
import type { ScopeTarget } from './scope-sql.ts';

const cache = new WeakMap<SchemaSnapshot, Map<string, ReadonlySet<string> | null>>();

/**
 * The approver-facing fields of an object: what the assignee of an open approval task may read of
 * the record when none of their roles reads the object. Per approval state, its `approval.fields`,
 * else the title field plus the fields the workflow's conditions and approvers use; the union over
 * the object's workflows. Null when no workflow of the object has an approval state.
 */
export function approverFields(snapshot: SchemaSnapshot, object: ObjectInfo): ReadonlySet<string> | null {
  let byObject = cache.get(snapshot);
  if (!byObject) cache.set(snapshot, (byObject = new Map()));
  if (byObject.has(object.name)) return byObject.get(object.name)!;
  let fields: Set<string> | null = null;
  for (const { definition } of snapshot.workflows.values()) {
    if (definition.object !== object.name) continue;
    const used = new Set<string>([object.titleField]);
    for (const state of Object.values(definition.states)) {
      for (const value of Object.values(state.on ?? {})) for (const t of transitionsOf(value)) for (const path of filterPaths(t.when)) used.add(path.split('.')[0]);
      for (const approver of state.approval ? approversOf(state.approval.approvers) : []) {
        const path = 'managerOf' in approver ? approver.managerOf : 'departmentHeadOf' in approver ? approver.departmentHeadOf : 'field' in approver ? approver.field : null;
        if (path) used.add(path.split('.')[0]);
      }
    }
    for (const state of Object.values(definition.states)) {
      if (!state.approval) continue;
      fields ??= new Set();
      for (const name of state.approval.fields ?? used) if (object.fields.has(name)) fields.add(name);
    }
  }
  byObject.set(object.name, fields);
  return fields;
}

/**
 * Records on which the actor has an open approval task: a read grant that lasts while the task is
 * open, asked of workflow_tasks in the query itself (nothing is copied, so closing the task ends it).
 */
export function openTaskSql(target: ScopeTarget): SqlFragment {
  return {
    sql:
      `${quoteIdentifier(target.alias)}."id" IN (SELECT "i"."record_id" FROM "workflow_tasks" AS "k" JOIN "workflow_instances" AS "i" ON "i"."id" = "k"."instance_id" ` +
      `WHERE "k"."assignee" = ?::bigint AND "k"."status" = 'open' AND "i"."object" = ?)`,
    bindings: [target.actor.id, target.object.name],
  };
}
