import { withDb, type Ctx } from '../core/ctx.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { detail, createError } from '../core/errors.ts';
import { checkFieldValue, isBlank } from './field-values.ts';
import { writeHistory } from './history-entries.ts';
import { toApiRecord, type RecordData } from './record-shape.ts';
import { lockRecord } from './locked-record.ts';
import { relinkUsers } from '../organisation/user-links.ts';
import { deleteLocked, repointLookups } from './record-writer.ts';
import { readBack, refuseFieldsLockedInState } from './update-record.ts';
import { writeChange } from './write-change.ts';
import { refuseWhileLocked } from './record-locks.ts';
import { msg } from '../core/messages/message.ts';

export interface MergeInput {
  keep: string;
  remove: string;
  /** Fields whose value is taken from the removed record; other blanks of `keep` are filled from it too. */
  take?: string[];
}

function parseMergeInput(input: unknown): MergeInput {
  const body = input as Partial<MergeInput> | null;
  const details = [];
  if (typeof body?.keep !== 'string' && typeof body?.keep !== 'number') details.push(detail('/keep', msg('record.mergeKeep')));
  if (typeof body?.remove !== 'string' && typeof body?.remove !== 'number') details.push(detail('/remove', msg('record.mergeRemove')));
  if (body?.take !== undefined && (!Array.isArray(body.take) || body.take.some((t) => typeof t !== 'string'))) details.push(detail('/take', msg('record.mergeTake')));
  if (details.length) throw createError('VALIDATION_FAILED', msg('record.mergeInvalid'), details);
  if (String(body!.keep) === String(body!.remove)) throw createError('VALIDATION_FAILED', msg('record.mergeSelf'), [{ path: '/remove', message: msg('record.mustDifferFromKeep') }]);
  return { keep: String(body!.keep), remove: String(body!.remove), take: body!.take };
}

/**
 * Merges two duplicates: `keep` takes the chosen values, every lookup pointing at `remove` is
 * repointed to `keep`, both histories end up on `keep`, and `remove` goes to the recycle bin.
 */
export async function mergeRecords(objectName: string, input: unknown, ctx: Ctx): Promise<RecordData> {
  const { keep, remove, take = [] } = parseMergeInput(input);
  const { object, policy } = scopedQuery(ctx, objectName, 'update');
  for (const name of take) {
    const f = object.fields.get(name);
    if (!f || f.system || f.column === null) throw createError('VALIDATION_FAILED', msg('record.cannotTakeOver', { name }), [{ path: '/take', message: msg('record.notStoredField', { name }) }]);
  }
  const notWritable = take.filter((name) => policy.fieldAccess(object.fields.get(name)!) !== 'write');
  if (notWritable.length) {
    throw createError('FORBIDDEN', msg('record.notPermittedToChange', { fields: notWritable.join(', ') }), notWritable.map((name) => ({ path: `/take/${name}`, message: msg('value.notWritable') })));
  }
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    // Lock in id order so that two opposite merges cannot deadlock.
    const lockKeep = () => lockRecord(objectName, keep, 'update', tctx);
    const lockRemove = () => lockRecord(objectName, remove, 'delete', tctx);
    const [keptLock, removedLock] = Number(keep) < Number(remove)
      ? [await lockKeep(), await lockRemove()]
      : await lockRemove().then(async (r) => [await lockKeep(), r]);
    const kept = keptLock.row;
    const removed = removedLock.row;

    // The removed record is deleted by the merge, which a locked (approved) record refuses.
    await refuseWhileLocked(object, removed, 'delete', tctx);
    // Blanks are filled only in fields the caller may write on the kept record.
    const keptState = (kept._state as string | null) ?? null;
    refuseFieldsLockedInState(policy, object, take, keptState);
    const stored = object.customFields.filter((f) => f.column !== null);
    const fillable = (name: string) => policy.fieldAccessIn(object.fields.get(name)!, keptState) === 'write';
    const keptApi = toApiRecord(stored, kept);
    const removedApi = toApiRecord(stored, removed);
    const values: Record<string, unknown> = {};
    const selfLookups = stored.filter((f) => f.type === 'lookup' && f.target === object.name);
    for (const f of stored) {
      const takeIt = take.includes(f.name) || (fillable(f.name) && isBlank(keptApi[f.name]) && !isBlank(removedApi[f.name]));
      if (!takeIt || f.definition?.unique) continue;
      // A parent taken from the removed record must not be the kept one itself.
      if (selfLookups.includes(f) && String(removedApi[f.name]) === String(kept.id)) continue;
      const checked = checkFieldValue(f, removedApi[f.name]);
      if (checked.ok) values[f.name] = checked.value;
    }
    // The kept record pointed at the removed one (a branch kept, its group merged in): it now points where the removed one did.
    for (const f of selfLookups) {
      if (String(keptApi[f.name]) !== String(removed.id)) continue;
      const above = removedApi[f.name];
      values[f.name] = above === null || above === undefined || String(above) === String(kept.id) ? null : above;
    }
    // Users acting for the removed record act for the kept one, as lookups follow it below.
    await relinkUsers(object.name, removedLock.id, keptLock.id, trx);
    // The removed record leaves the live set first so unique fields can move to the kept one.
    await deleteLocked(removedLock, tctx);
    for (const f of stored) {
      if (f.definition?.unique && take.includes(f.name)) values[f.name] = removedApi[f.name];
    }
    // Every record pointing at the removed one follows it, whoever may see it and even in the bin
    // (the kept record's own lookups were settled above).
    for (const ref of ctx.schema.incomingLookups(object.name)) {
      await repointLookups(ref.object, ref.field, removedLock.id, keptLock.id, ref.object === object.name ? keptLock.id : null, tctx);
    }
    await trx('record_history').where({ object: object.name, record_id: removed.id }).update({ record_id: kept.id, merged_from: removed.id });
    const pending = await writeChange(trx, keptLock, { values, action: 'merge', extraHistory: [{ mergedFrom: String(removed.id), newValue: { merged: String(removed.id) } }] }, tctx);
    await trx('recycle_bin')
      .insert({ object: object.name, record_id: removed.id, title: String(removedApi[object.titleField] ?? `#${removed.id}`).slice(0, 500), deleted_by: ctx.actor.id })
      .onConflict(['object', 'record_id']).merge();
    await writeHistory(trx, object, String(removed.id), 'merge', [{ mergedFrom: null, newValue: { mergedInto: String(kept.id) } }], tctx);
    const record = await readBack(objectName, String(kept.id), tctx);
    return pending ? { ...record, _pending: pending } : record;
  });
}
