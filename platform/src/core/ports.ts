import type { Knex } from 'knex';
import type { Ctx } from './ctx.ts';
import type { ObjectInfo } from './snapshot-types.ts';

// The context's ports: what lower layers ask of higher ones (the job queue, pack hooks, workflows)
// without importing them. The app installs the implementations when it builds a context.

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
