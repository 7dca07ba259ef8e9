import type { Knex } from 'knex';
import type { Ctx } from './ctx.ts';
import type { ErrorDetail } from './errors.ts';
import type { ObjectInfo } from './snapshot-types.ts';
import type { Field } from '../generated/object.ts';

// The context's ports: what lower layers ask of higher ones (the job queue, pack hooks, workflows,
// what packs registered) without importing them. The app installs the implementations when it
// builds a context.

export interface JobOptions {
  /** The transaction the job must commit (or roll back) with. */
  db?: Knex;
  /** Not before this moment. */
  startAfter?: Date;
  retryLimit?: number;
  /** On a queue registered with policy 'short': at most one job with this key waits at a time. */
  singletonKey?: string;
}

/** Sends background jobs and timers (jobs/job-queue.ts). */
export interface JobSender {
  send<T extends object>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** Whether a handler for these jobs exists (optional deliveries such as mail check first). */
  handles(name: string): boolean;
}

export type RecordHookEvent = 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete';

export interface RecordHookPayload {
  id?: string;
  /** Before create/update: the values being written, which a before hook may change. */
  values?: Record<string, unknown>;
  /** The record after the write (after hooks) or before it (before update/delete). */
  record?: Record<string, unknown>;
}

/**
 * Code that packs attach to record writes (plugins/plugin-host.ts). Hooks run inside the write's
 * transaction (`ctx.db`), so a hook that throws undoes the write; the record code asks `has` first to
 * keep hook-free writes cheap.
 */
export interface RecordHookRunner {
  has(object: string, ...events: RecordHookEvent[]): boolean;
  run(event: RecordHookEvent, object: string, payload: RecordHookPayload, ctx: Ctx): Promise<void>;
}

export interface RecordLock {
  /** The workflow whose locked state the record rests in; a change starts it again. */
  workflow: string;
  state: string;
  /** The states of that workflow in which a re-approved change applies. */
  lockedStates: string[];
  /** Only these fields wait for re-approval (the state's `lockedFields`); absent: every field. */
  fields?: string[];
}

export interface HeldChange {
  pendingChange: Record<string, unknown>;
  /** The states in which the held change applies; absent: the workflow's approval decides. */
  applyIn: string[] | undefined;
}

/** What record writes ask of workflows (workflow/record-workflow-port.ts). */
export interface WorkflowPort {
  /** The lock on a record resting in a `"locked": true` state of its workflow, or null. */
  recordLock(object: ObjectInfo, row: Record<string, unknown>, ctx: Ctx): Promise<RecordLock | null>;
  /** Starts a round of the workflow that holds a change for approval. */
  holdForApproval(ctx: Ctx, object: ObjectInfo, recordId: string, workflow: string, change: HeldChange): Promise<{ id: string; workflow: string; state: string }>;
}

/** A field type a pack registers: a base type it refines and a check of each value written. */
export interface PackFieldType {
  /** The base types a field of this type may have, e.g. ['text', 'phone']. */
  readonly bases: readonly Field['type'][];
  /** A problem with a (base-valid, non-null) value, or null when it is fine. */
  check(value: unknown): string | null;
}

/** What a registered workflow action gets when it runs: inside the step's transaction, as the workflow. */
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

/**
 * An action beyond set, notify, createRecord and webhook, named in definitions as
 * `{"run": "<name>", "params": {…}}`.
 */
export interface WorkflowAction {
  /** Problems with the parameters, checked when a workflow using the action is saved ('' is the params object). */
  check?(params: Record<string, unknown>, object: ObjectInfo): ErrorDetail[];
  /** Runs in the step's transaction: a failure rolls the whole step back. */
  run(params: Record<string, unknown>, context: WorkflowActionContext): Promise<void>;
}

/**
 * The field types and workflow actions registered with this server (plugins/pack-registrations.ts,
 * one per plugin host), which record writes, workflow steps and definition checks look up by name.
 */
export interface PackRegistry {
  fieldType(name: string): PackFieldType | undefined;
  workflowAction(name: string): WorkflowAction | undefined;
}
