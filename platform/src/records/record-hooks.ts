import type { Ctx } from '../core/ctx.ts';
import type { RecordHookEvent, RecordHookPayload } from '../core/ports.ts';
import type { RecordData } from './record-shape.ts';

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
