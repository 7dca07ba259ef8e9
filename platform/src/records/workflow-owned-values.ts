import type { Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { FieldInfo, ObjectInfo, StoredWorkflow } from '../core/snapshot-types.ts';
import { msg, type Label } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { actionsOf, edgesOf } from '../metadata/workflow-shape.ts';
import { heldByLocks } from './record-locks.ts';

/** A field value that only a workflow writes, once an approval has been given. */
export interface OwnedValue {
  field: string;
  value: unknown;
  workflow: WorkflowDefinition;
  /** The state whose entry (or the approval transition into which) sets the value. */
  state: string;
}

const valueKey = (field: string, value: unknown) => `${field}\u0000${JSON.stringify(value)}`;
const isLiteral = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** States the workflow reaches from its initial state without an approval decision. */
function statesBeforeApproval(definition: WorkflowDefinition): Set<string> {
  const reached = new Set([definition.initial]);
  const edges = edgesOf(definition).filter((e) => e.event !== 'approve');
  const queue = [definition.initial];
  while (queue.length) {
    const from = queue.pop()!;
    for (const edge of edges) {
      if (edge.from !== from || reached.has(edge.to)) continue;
      reached.add(edge.to);
      queue.push(edge.to);
    }
  }
  return reached;
}

/**
 * The values a workflow's `set` actions write only after an approval: in states reached only through
 * an `approve` decision, or on the approving transition itself. A value the workflow also sets before
 * any approval (a draft status on entry) is not owned.
 */
export function ownedValuesOf(definition: WorkflowDefinition): OwnedValue[] {
  const before = statesBeforeApproval(definition);
  const early = new Set<string>();
  const late = new Map<string, OwnedValue>();
  for (const [name, state] of Object.entries(definition.states)) {
    for (const { at, action } of actionsOf(name, state)) {
      if (!('set' in action) || !action.set) continue;
      const transition = /\/on\/([^/]+)(?:\/(\d+))?\/actions\//.exec(at);
      const target = transition ? targetOf(definition, name, transition[1], transition[2]) : name;
      const afterApproval = !before.has(name) || transition?.[1] === 'approve';
      for (const [field, value] of Object.entries(action.set as Record<string, unknown>)) {
        if (!isLiteral(value)) continue;
        if (afterApproval) late.set(valueKey(field, value), { field, value, workflow: definition, state: target });
        else early.add(valueKey(field, value));
      }
    }
  }
  return [...late].filter(([key]) => !early.has(key)).map(([, owned]) => owned);
}

function targetOf(definition: WorkflowDefinition, from: string, event: string, index: string | undefined): string {
  const value = definition.states[from]?.on?.[event];
  const list = Array.isArray(value) ? value : [value];
  const t = list[Number(index ?? 0)];
  return typeof t === 'string' ? t : (t?.target ?? from);
}

const cache = new WeakMap<ReadonlyMap<string, StoredWorkflow>, Map<string, Map<string, OwnedValue>>>();

/** Every workflow-owned value of an object's fields, by field and value (computed once per snapshot). */
export function workflowOwnedValues(object: ObjectInfo, ctx: Ctx): Map<string, OwnedValue> {
  let byObject = cache.get(ctx.schema.workflows);
  if (!byObject) cache.set(ctx.schema.workflows, (byObject = new Map()));
  let owned = byObject.get(object.name);
  if (!owned) {
    owned = new Map();
    for (const { definition } of ctx.schema.workflows.values()) {
      if (definition.object !== object.name) continue;
      for (const value of ownedValuesOf(definition)) if (!owned.has(valueKey(value.field, value.value))) owned.set(valueKey(value.field, value.value), value);
    }
    byObject.set(object.name, owned);
  }
  return owned;
}

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
  const owned = workflowOwnedValues(object, ctx);
  if (!owned.size) return;
  const refused = Object.entries(values).flatMap(([field, value]) => {
    const hit = owned.get(valueKey(field, value));
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
