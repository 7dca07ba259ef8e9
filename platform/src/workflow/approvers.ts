import { systemContext, type Ctx } from '../core/ctx.ts';
import type { Approver, WorkflowDefinition } from '../generated/workflow.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { recordPathValue } from './record-path-value.ts';

/** The id a lookup path of the record holds, and the object it points to. */
async function pathValue(object: ObjectInfo, recordId: string, path: string, ctx: Ctx): Promise<{ value: string | null; target: string | undefined }> {
  const { value, target } = await recordPathValue(object, recordId, path, ctx);
  return { value: value === null ? null : String(value), target };
}

async function candidates(approver: Approver, object: ObjectInfo, recordId: string, ctx: Ctx): Promise<string[]> {
  const db = ctx.db;
  const ids = (rows: { id: string | number | null }[]) => rows.map((r) => r.id).filter((id) => id !== null).map(String);
  if ('user' in approver) return [approver.user];
  if ('role' in approver) return ids(await db('users').whereRaw('roles @> ARRAY[?]::text[]', [approver.role]).select('id'));
  if ('field' in approver) {
    const { value } = await pathValue(object, recordId, approver.field, ctx);
    return value ? [value] : [];
  }
  if ('managerOf' in approver) {
    const { value } = await pathValue(object, recordId, approver.managerOf, ctx);
    return value ? ids(await db('users').where({ id: value }).select('manager as id')) : [];
  }
  const { value, target } = await pathValue(object, recordId, approver.departmentHeadOf, ctx);
  if (!value) return [];
  if (target === 'department') return ids(await db('departments').where({ id: value }).select('head as id'));
  return ids(await db('users as u').join('departments as d', 'd.id', 'u.department').where('u.id', value).select('d.head as id'));
}

/**
 * The active staff users an approver specification names for one record (a portal user holding a
 * role that approves is never asked), without duplicates and in a
 * stable order. Resolved inside the transition's transaction, so they match the record as it is.
 */
export async function resolveApprovers(approvers: readonly Approver[], object: ObjectInfo, recordId: string, ctx: Ctx): Promise<string[]> {
  const named = new Set<string>();
  for (const approver of approvers) for (const id of await candidates(approver, object, recordId, ctx)) named.add(id);
  if (!named.size) return [];
  const active = await ctx.db('users').whereIn('id', [...named]).where({ active: true, kind: 'staff' }).orderBy('id').select('id');
  return active.map((r: { id: string | number }) => String(r.id));
}

/**
 * Who may not decide a record's approval: the user who submitted it and its owner, unless the
 * workflow says `allowSelfApproval`. Left out when approvers are resolved, refused on delegation and
 * on decision.
 */
export async function selfApprovers(workflow: WorkflowDefinition, object: ObjectInfo, instance: { record_id: string; submitted_by: string | null }, ctx: Ctx): Promise<Set<string>> {
  if (workflow.allowSelfApproval === true) return new Set();
  const row = await scopedQuery(systemContext(ctx), object.name, 'read', { rows: 'all' }).query.where('t0.id', instance.record_id).first('t0._owner');
  return new Set([instance.submitted_by, row?._owner].filter((id) => id !== null && id !== undefined).map(String));
}
