import { setup, transition as pureTransition, type AnyStateMachine, type MachineSnapshot } from 'xstate';
import type { Action, State, WorkflowDefinition } from '../generated/workflow.ts';
import { isFinal, transitionsOf } from '../metadata/workflow-shape.ts';

/** An event as the engine sends it: the verdicts of the conditions it may meet are computed beforehand, in SQL. */
export interface WorkflowEvent {
  type: string;
  /** Condition id -> whether the record meets it. */
  conditions?: Readonly<Record<string, boolean>>;
}

/** An action the engine runs after the transition commits its state, in order. */
export interface PlannedAction {
  /** Where it is defined, e.g. `/states/approved/entry/0`. */
  at: string;
  action: Action;
}

export interface Condition {
  id: string;
  filter: Record<string, unknown>;
}

export interface StepResult {
  state: string;
  final: boolean;
  /** False when the event is not handled in the current state, or no condition held. */
  changed: boolean;
  actions: PlannedAction[];
}

export interface CompiledWorkflow {
  readonly definition: WorkflowDefinition;
  readonly version: number;
  readonly machine: AnyStateMachine;
  /** The conditions the given event may test in the given state, for evaluation against the record. */
  conditionsFor(state: string, event: string): readonly Condition[];
  /** Whether the state handles the event at all. */
  handles(state: string, event: string): boolean;
  /** The next state and the actions to run: xstate's pure transition on the resolved state. */
  step(state: string, event: WorkflowEvent): StepResult;
}

type Snapshot = MachineSnapshot<Record<string, never>, WorkflowEvent, never, string, string, unknown, never, never>;

function stateConfig(name: string, state: State, conditions: Map<string, Condition[]>) {
  const run = (at: string, actions: Action[] | undefined) => (actions ?? []).map((action, i) => ({ type: 'run' as const, params: { at: `${at}/${i}`, action } }));
  const base = `/states/${name}`;
  const on: Record<string, unknown[]> = {};
  for (const [event, value] of Object.entries(state.on ?? {})) {
    const many = Array.isArray(value);
    const tested: Condition[] = [];
    on[event] = transitionsOf(value).map((t, i) => {
      const at = `${base}/on/${event}${many ? `/${i}` : ''}`;
      const config: Record<string, unknown> = { target: t.target, actions: run(`${at}/actions`, t.actions) };
      if (t.when !== undefined) {
        const id = `${name}.${event}.${i}`;
        tested.push({ id, filter: t.when });
        config.guard = { type: 'condition', params: { id } };
      }
      return config;
    });
    conditions.set(`${name}\u0000${event}`, tested);
  }
  return {
    ...(isFinal(state) ? { type: 'final' as const } : {}),
    on,
    entry: run(`${base}/entry`, state.entry),
    exit: run(`${base}/exit`, state.exit),
  };
}

/**
 * A definition as an xstate v5 machine. Guards are the definition's conditions, decided before the
 * step (the event carries their verdicts), and actions are returned, not run: the engine persists the
 * new state first and runs them after (STYLE.md rule 6).
 */
export function compileWorkflow(definition: WorkflowDefinition, version: number): CompiledWorkflow {
  const conditions = new Map<string, Condition[]>();
  const states = Object.fromEntries(Object.entries(definition.states).map(([name, state]) => [name, stateConfig(name, state, conditions)]));
  const machine = setup({
    types: { events: {} as WorkflowEvent },
    guards: { condition: ({ event }, params: { id: string }) => event.conditions?.[params.id] === true },
    actions: { run: (_args, _params: { at: string; action: Action }) => undefined },
  }).createMachine({ id: definition.name, initial: definition.initial, states } as never) as unknown as AnyStateMachine;

  return {
    definition,
    version,
    machine,
    conditionsFor: (state, event) => conditions.get(`${state}\u0000${event}`) ?? [],
    handles: (state, event) => Object.hasOwn(definition.states[state]?.on ?? {}, event),
    step(state, event) {
      const current = machine.resolveState({ value: state, context: {} }) as Snapshot;
      // A transition taken back into the same state leaves the snapshot as it was, so ask what was taken.
      const taken = machine.getTransitionData(current as never, event as never).length > 0;
      const [next, actions] = pureTransition(machine, current, event);
      const value = String((next as Snapshot).value);
      const planned = (actions as unknown as { type: string; params: PlannedAction }[]).filter((a) => a.type === 'run').map((a) => a.params);
      return { state: value, final: next.status === 'done', changed: taken, actions: planned };
    },
  };
}

/**
 * Compiled machines, per database and then per name and version (a stored version never changes).
 * Per database: one process may hold several (a test run's files, a copy to another database), in
 * which one name and version can be two different workflows.
 */
const compiled = new WeakMap<object, Map<string, CompiledWorkflow>>();
const MAX_COMPILED = 2000;
let hits = 0;
let misses = 0;

function cacheOf(database: object): Map<string, CompiledWorkflow> {
  let cache = compiled.get(database);
  if (!cache) compiled.set(database, (cache = new Map()));
  return cache;
}

function cachedMachine(database: object, name: string, version: number): CompiledWorkflow | undefined {
  const machine = cacheOf(database).get(`${name}@${version}`);
  if (machine) hits++;
  return machine;
}

function storeMachine(database: object, definition: WorkflowDefinition, version: number): CompiledWorkflow {
  misses++;
  const machine = compileWorkflow(definition, version);
  const cache = cacheOf(database);
  if (cache.size >= MAX_COMPILED) cache.delete(cache.keys().next().value as string);
  cache.set(`${definition.name}@${version}`, machine);
  return machine;
}

/**
 * The cached machine of a stored version of `database` (any object standing for it), or the one
 * compiled from what `load` reads on a miss.
 */
export async function loadCompiledWorkflow(database: object, name: string, version: number, load: () => Promise<WorkflowDefinition>): Promise<CompiledWorkflow> {
  return cachedMachine(database, name, version) ?? storeMachine(database, await load(), version);
}

export function compileCacheStats(): { hits: number; misses: number } {
  return { hits, misses };
}
