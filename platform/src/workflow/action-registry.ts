import type { Knex } from 'knex';
import type { Ctx } from '../core/ctx.ts';
import type { ErrorDetail } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';

/** What a registered action gets when it runs: inside the step's transaction, as the workflow. */
export interface WorkflowActionContext {
  /** The step's transaction. */
  db: Knex;
  /** A system context on that transaction (the record service without permission checks). */
  ctx: Ctx;
  object: ObjectInfo;
  recordId: string;
  workflow: string;
  from: string;
  state: string;
}

export interface WorkflowAction {
  /** Problems with the parameters, checked when a workflow using the action is saved ('' is the params object). */
  check?(params: Record<string, unknown>, object: ObjectInfo): ErrorDetail[];
  /** Runs in the step's transaction: a failure rolls the whole step back. */
  run(params: Record<string, unknown>, context: WorkflowActionContext): Promise<void>;
}

const actions = new Map<string, WorkflowAction>();

const NAME = /^[a-z][a-z0-9_]{0,62}(\.[a-z][a-z0-9_]{0,62})?$/;

/**
 * Actions beyond set, notify, createRecord and webhook, referred to by name from definitions as
 * `{"run": "<name>", "params": {…}}`. Packs register theirs through the plugin interface.
 */
export function registerWorkflowAction(name: string, action: WorkflowAction): void {
  if (!NAME.test(name)) throw new Error(`'${name}' is not a valid workflow action name.`);
  if (actions.has(name)) throw new Error(`The workflow action '${name}' is already registered.`);
  actions.set(name, action);
}

export function workflowAction(name: string): WorkflowAction | undefined {
  return actions.get(name);
}

/** For tests and plugin unloading. */
export function unregisterWorkflowAction(name: string): void {
  actions.delete(name);
}
