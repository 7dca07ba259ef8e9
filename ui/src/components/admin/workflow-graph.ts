import type { Transition, WorkflowDefinition, WorkflowGraph } from '@/api/types';

/** The draft's states and transitions as the diagram's nodes and edges (the same shape the server answers). */
export function graphOf(def: WorkflowDefinition): WorkflowGraph {
  const states = def.states ?? {};
  const nodes = Object.entries(states).map(([id, state]) => ({
    id,
    label: state?.label ?? null,
    initial: id === def.initial,
    final: state?.type === 'final',
    approval: state?.approval !== undefined,
  }));
  const edges: WorkflowGraph['edges'] = [];
  for (const [from, state] of Object.entries(states)) {
    for (const [event, transitions] of Object.entries(state?.on ?? {})) {
      const list = Array.isArray(transitions) ? transitions : [transitions];
      for (const item of list as (string | Transition)[]) {
        const target = typeof item === 'string' ? item : item?.target;
        if (typeof target === 'string' && target in states) edges.push({ from, to: target, event, label: def.events?.[event]?.label ?? null, guarded: typeof item === 'object' && item.when !== undefined });
      }
    }
  }
  return { nodes, edges };
}
