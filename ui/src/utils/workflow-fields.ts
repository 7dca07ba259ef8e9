import type { WorkflowDefinition } from '@/api/types';

const first = (path: string) => path.split('.')[0];

/** The fields a filter-language condition refers to (the first step of each path), in order. */
export function conditionFields(condition: unknown, into: string[] = []): string[] {
  if (Array.isArray(condition)) {
    for (const part of condition) conditionFields(part, into);
  } else if (condition && typeof condition === 'object') {
    for (const [key, value] of Object.entries(condition)) {
      if (key.startsWith('$')) conditionFields(value, into);
      else if (!into.includes(first(key))) into.push(first(key));
    }
  }
  return into;
}

function transitionsOf(state: WorkflowDefinition['states'][string] | undefined) {
  return Object.values(state?.on ?? {}).flatMap((t) => (Array.isArray(t) ? t : [t]));
}

/**
 * What an approver decides on in a state: the fields the state's own conditions test, then those
 * its approval's approvers are found through (e.g. `managerOf: "_owner"`), then those the other
 * states' conditions test.
 */
export function decisionFields(definition: WorkflowDefinition | null | undefined, state: string): string[] {
  if (!definition) return [];
  const found: string[] = [];
  const own = definition.states[state];
  for (const t of transitionsOf(own)) if (typeof t === 'object' && t.when) conditionFields(t.when, found);
  const approvers = own?.approval ? (Array.isArray(own.approval.approvers) ? own.approval.approvers : [own.approval.approvers]) : [];
  for (const a of approvers) {
    const path = 'managerOf' in a ? a.managerOf : 'departmentHeadOf' in a ? a.departmentHeadOf : 'field' in a ? a.field : null;
    if (path && !found.includes(first(path))) found.push(first(path));
  }
  for (const [name, other] of Object.entries(definition.states)) {
    if (name === state) continue;
    for (const t of transitionsOf(other)) if (typeof t === 'object' && t.when) conditionFields(t.when, found);
  }
  return found;
}
