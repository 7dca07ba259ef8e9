import type { Action, Approver, State, Transition, Transitions, WorkflowDefinition } from '../generated/workflow.ts';

/** Events sent by approval task decisions rather than by the transition endpoint. */
export const DECISION_EVENTS: ReadonlySet<string> = new Set(['approve', 'reject']);

/** `"target"`, `{target, when}` or a list of them, always as a list of transitions. */
export function transitionsOf(value: Transitions): Transition[] {
  return (Array.isArray(value) ? value : [value]).map((t) => (typeof t === 'string' ? { target: t } : t));
}

export const approversOf = (value: Approver | Approver[]): Approver[] => (Array.isArray(value) ? value : [value]);

export interface Edge {
  from: string;
  to: string;
  event: string;
  /** The transition's position among those of its event (guards are tried in order). */
  index: number;
  guarded: boolean;
}

/** Every transition of the definition as an edge (the machine drawn as nodes and edges). */
export function edgesOf(definition: WorkflowDefinition): Edge[] {
  const edges: Edge[] = [];
  for (const [from, state] of Object.entries(definition.states)) {
    for (const [event, value] of Object.entries(state.on ?? {})) {
      transitionsOf(value).forEach((t, index) => edges.push({ from, to: t.target, event, index, guarded: t.when !== undefined }));
    }
  }
  return edges;
}

export const isFinal = (state: State) => state.type === 'final';

/** Every action of a state with where it sits, for checks and for running them. */
export function actionsOf(name: string, state: State): { at: string; action: Action }[] {
  const out: { at: string; action: Action }[] = [];
  const base = `/states/${name}`;
  (state.entry ?? []).forEach((action, i) => out.push({ at: `${base}/entry/${i}`, action }));
  (state.exit ?? []).forEach((action, i) => out.push({ at: `${base}/exit/${i}`, action }));
  for (const [event, value] of Object.entries(state.on ?? {})) {
    const many = Array.isArray(value);
    transitionsOf(value).forEach((t, i) => (t.actions ?? []).forEach((action, j) => out.push({ at: `${base}/on/${event}${many ? `/${i}` : ''}/actions/${j}`, action })));
  }
  return out;
}

/** The machine as nodes and edges, for diagrams. */
export function workflowGraph(definition: WorkflowDefinition) {
  return {
    nodes: Object.entries(definition.states).map(([name, state]) => ({
      id: name,
      label: state.label ?? null,
      initial: name === definition.initial,
      final: isFinal(state),
      approval: state.approval !== undefined,
    })),
    edges: edgesOf(definition).map(({ from, to, event, guarded }) => ({ from, to, event, label: definition.events?.[event]?.label ?? null, guarded })),
  };
}
