import { withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import { isId } from '../core/identifiers.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { checkFieldValue } from './field-values.ts';
import { parseRecordId, requireReadableRow } from '../permissions/readable-row.ts';
import { lockRecord } from './locked-record.ts';
import { readBack, refuseFieldsLockedInState } from './update-record.ts';
import { writeChange } from './write-change.ts';
import type { RecordData } from './record-shape.ts';
import { msg } from '../core/messages/message.ts';
import { nameLabel } from '../core/messages/kind-labels.ts';

export interface HistoryItem {
  id: string;
  action: string;
  field: string | null;
  old: unknown;
  new: unknown;
  actor: { id: string; name: string } | null;
  at: string;
  reverts: string | null;
  mergedFrom: string | null;
}

/** A record's changes, newest first. Changes to fields the caller cannot read (in the record's state) are left out. */
export async function readHistory(objectName: string, id: string, ctx: Ctx, options: { limit?: number } = {}): Promise<HistoryItem[]> {
  const { policy, object } = scopedQuery(ctx, objectName, 'read');
  const record = await requireReadableRow(objectName, id, ctx, ['_state']);
  const state = (record._state as string | null) ?? null;
  const readable = (name: string) => {
    const field = object.fields.get(name);
    return field !== undefined && policy.fieldAccessIn(field, state) !== 'none';
  };
  const rows = await ctx.db('record_history as h')
    .leftJoin('users as u', 'u.id', 'h.actor')
    .where({ 'h.object': object.name, 'h.record_id': parseRecordId(id) })
    .orderBy('h.id', 'desc')
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 1000))
    .select('h.*', 'u.name as actor_name');
  return rows
    .filter((r: RecordData) => r.field === null || readable(String(r.field)))
    .map((r: RecordData) => ({
      id: String(r.id),
      action: String(r.action),
      field: (r.field as string | null) ?? null,
      old: r.field === null ? null : (r.old_value ?? null),
      new: r.new_value === undefined ? null : filterSnapshot(r, readable),
      actor: r.actor ? { id: String(r.actor), name: String(r.actor_name) } : null,
      at: new Date(r.at as string).toISOString(),
      reverts: r.reverts ? String(r.reverts) : null,
      mergedFrom: r.merged_from ? String(r.merged_from) : null,
    }));
}

/** 'create' entries keep the initial values of history fields as an object; hide what the caller cannot read. */
function filterSnapshot(row: RecordData, readable: (name: string) => boolean): unknown {
  const value = row.new_value ?? null;
  if (row.field !== null || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([name]) => readable(name)));
}

/** Puts a field back to the value it had before one recorded change; the revert is itself recorded. */
export async function revertChange(objectName: string, id: string, changeId: string, ctx: Ctx): Promise<RecordData> {
  const { policy, object } = scopedQuery(ctx, objectName, 'update');
  if (!isId(changeId)) throw createError('NOT_FOUND', msg('record.noSuchChange'));
  return ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'update', tctx);
    const change = await trx('record_history').where({ id: changeId, object: object.name, record_id: locked.id }).first();
    if (!change || change.field === null || !['update', 'revert', 'merge'].includes(change.action)) {
      throw createError('NOT_FOUND', msg('record.noSuchFieldChange'));
    }
    const field = object.fields.get(change.field);
    if (!field || field.column === null) throw createError('CONFLICT', msg('record.fieldGone', { field: change.field }));
    if (policy.fieldAccess(field) !== 'write') throw createError('FORBIDDEN', msg('record.notPermittedToChangeField', { field: nameLabel(field) }), [{ path: `/${field.name}`, message: msg('value.notWritable') }]);
    refuseFieldsLockedInState(policy, object, [field.name], (locked.row._state as string | null) ?? null);
    const checked = checkFieldValue(field, change.old_value ?? null);
    if (!checked.ok) throw createError('CONFLICT', msg('record.oldValueInvalid', { field: nameLabel(field), problem: checked.message }));
    // A revert is a change like any other: a gated field or a locked record waits for approval (202).
    const pending = await writeChange(trx, locked, { values: { [field.name]: checked.value }, action: 'revert', reverts: String(change.id) }, tctx);
    const record = await readBack(objectName, locked.id, tctx);
    return pending ? { ...record, _pending: pending } : record;
  });
}
