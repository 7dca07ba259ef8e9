import type { Ctx } from '../core/ctx.ts';
import { createError, type ErrorDetail } from '../core/errors.ts';
import { msg } from '../core/messages/message.ts';
import { objectLabel } from '../core/messages/kind-labels.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import type { RecordHookEvent } from '../core/ports.ts';
import { listRecords } from './read-records.ts';
import { runRecordHooks } from './record-hooks.ts';
import type { RecordData } from './record-shape.ts';

/** Records a bulk write handles at once: locked, checked and written together, to bound memory. */
export const BULK_CHUNK = 5_000;

/** Bulk writes are the system's (pack bookkeeping, analysis results): a user's change goes through the write gate one record at a time. */
export function refuseUnlessSystem(ctx: Ctx, what: string): void {
  if (ctx.actor.kind !== 'system') throw new Error(`${what} is a system write; a user's change goes through the write gate record by record.`);
}

/** One VALIDATION_FAILED for the bad values of many records, each detail's path under the record's place in the input (`/3/values/amount`). */
export function refuseInvalidValues(object: ObjectInfo, invalid: readonly { at: string; details: ErrorDetail[] }[]): void {
  if (!invalid.length) return;
  const details = invalid.flatMap(({ at, details: list }) => list.map((d) => ({ ...d, path: `${at}${d.path}` })));
  throw createError('VALIDATION_FAILED', msg('record.valuesInvalid', { object: objectLabel(object) }), details);
}

/**
 * Runs an after hook per written record, each with the record read back as the context reads it
 * (pages of 500), as a single write would run it.
 */
export async function runAfterHooks(event: Extract<RecordHookEvent, 'afterCreate' | 'afterUpdate'>, object: ObjectInfo, ids: readonly string[], ctx: Ctx): Promise<void> {
  if (!ctx.hooks?.has(object.name, event)) return;
  for (let at = 0; at < ids.length; at += 500) {
    const page = await listRecords(object.name, { filter: { id: { $in: ids.slice(at, at + 500) } }, limit: 500 }, ctx);
    const byId = new Map<string, RecordData>(page.data.map((r) => [String(r.id), r]));
    for (const id of ids.slice(at, at + 500)) await runRecordHooks(ctx, event, object.name, { id, record: byId.get(id) ?? { id } });
  }
}
