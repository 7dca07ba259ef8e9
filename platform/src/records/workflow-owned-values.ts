import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo } from '../core/snapshot-types.ts';
import { msg, type Label } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import { ownedKey, workflowOwnedValues } from '../metadata/workflow-owned-values.ts';
import { heldByLocks } from './record-locks.ts';

const optionLabel = (field: FieldInfo | undefined, value: unknown): Label => {
  const option = field?.definition?.options?.find((o) => (typeof o === 'object' ? o.value : o) === value);
  const label = typeof option === 'object' ? option.label : undefined;
  return { en: label?.en ?? String(value), 'zh-CN': label?.['zh-CN'] ?? label?.en ?? String(value) };
};

/**
 * A person's change may not give a field a value only a workflow sets after its approval (a service
 * request's `resolved`): that would claim an approval nobody gave. The system (the workflow's own
 * actions) and superusers are not held, as with locked states; a value left as it is passes.
 */
export function refuseWorkflowOwnedValues(object: ObjectInfo, row: Record<string, unknown>, values: Record<string, unknown>, ctx: Ctx): void {
  if (!heldByLocks(ctx)) return;
  const owned = workflowOwnedValues(object.name, ctx.schema.workflows);
  if (!owned.size) return;
  const refused = Object.entries(values).flatMap(([field, value]) => {
    const hit = owned.get(ownedKey(field, value));
    return hit && row[field] !== value ? [hit] : [];
  });
  if (!refused.length) return;
  const first = refused[0];
  const field = object.fields.get(first.field);
  const params = {
    field: field ? objectLabel({ name: field.name, label: field.label }) : first.field,
    value: optionLabel(field, first.value),
    workflow: objectLabel(first.workflow),
    state: objectLabel({ name: first.state, label: first.workflow.states[first.state]?.label }),
  };
  throw createError('FORBIDDEN', msg('record.workflowOwnedValue', params), refused.map((r) => ({
    path: `/${r.field}`,
    message: msg('value.workflowOwned', { workflow: objectLabel(r.workflow), state: objectLabel({ name: r.state, label: r.workflow.states[r.state]?.label }) }),
    workflow: r.workflow.name,
    state: r.state,
  })));
}
