import type { StoredWorkflow } from '../core/snapshot-types.ts';
import type { WorkflowDefinition } from '../generated/workflow.ts';
import { actionsOf, edgesOf } from './workflow-shape.ts';

/** A field value that only a workflow writes, once an approval has been given. */
export interface OwnedValue {
  field: string;
  value: unknown;
  workflow: WorkflowDefinition;
  /** The state whose entry (or the approval transition into which) sets the value. */
  state: string;
}

export const ownedKey = (field: string, value: unknown): string => `${field}\u0000${JSON.stringify(value)}`;
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
        if (afterApproval) late.set(ownedKey(field, value), { field, value, workflow: definition, state: target });
        else early.add(ownedKey(field, value));
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
export function workflowOwnedValues(objectName: string, workflows: ReadonlyMap<string, StoredWorkflow>): Map<string, OwnedValue> {
  let byObject = cache.get(workflows);
  if (!byObject) cache.set(workflows, (byObject = new Map()));
  let owned = byObject.get(objectName);
  if (!owned) {
    owned = new Map();
    for (const { definition } of workflows.values()) {
      if (definition.object !== objectName) continue;
      for (const value of ownedValuesOf(definition)) if (!owned.has(ownedKey(value.field, value.value))) owned.set(ownedKey(value.field, value.value), value);
    }
    byObject.set(objectName, owned);
  }
  return owned;
}

