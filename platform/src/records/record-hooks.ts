import type { Ctx } from '../core/ctx.ts';
import type { RecordData } from './record-shape.ts';

export type RecordHookEvent = 'beforeCreate' | 'afterCreate' | 'beforeUpdate' | 'afterUpdate' | 'beforeDelete' | 'afterDelete';

export interface RecordHookPayload {
  id?: string;
  /** Before create/update: the values being written, which a before hook may change. */
  values?: RecordData;
  /** The record after the write (after hooks) or before it (before update/delete). */
  record?: RecordData;
}

/**
 * Code that packs attach to record writes. Hooks run inside the write's transaction (`ctx.db`), so a
 * hook that throws undoes the write; the record code asks `has` first to keep hook-free writes cheap.
 */
export interface RecordHookRunner {
  has(object: string, ...events: RecordHookEvent[]): boolean;
  run(event: RecordHookEvent, object: string, payload: RecordHookPayload, ctx: Ctx): Promise<void>;
}

/** Runs the hooks of an event when a runner is present and has any. */
export async function runRecordHooks(ctx: Ctx, event: RecordHookEvent, object: string, payload: RecordHookPayload): Promise<void> {
  if (ctx.hooks?.has(object, event)) await ctx.hooks.run(event, object, payload, ctx);
}

/** A mutable copy of the written values for before hooks (the client's object is never changed). */
export function hookableValues(input: unknown): RecordData {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...(input as RecordData) } : (input as RecordData);
}

/** The fields a before hook added or changed compared with what the client sent. */
export function fieldsSetByHooks(input: unknown, written: RecordData): ReadonlySet<string> {
  const sent = typeof input === 'object' && input !== null ? (input as RecordData) : {};
  return new Set(Object.keys(written).filter((k) => !Object.is(sent[k], written[k])));
}
