import type { Knex } from 'knex';
import { withDb, type Ctx } from '../core/ctx.ts';
import { createError } from '../core/errors.ts';
import type { ObjectInfo } from '../core/snapshot-types.ts';
import { resolvePolicy, tryResolvePolicy } from '../permissions/resolve-policy.ts';
import { scopedQuery } from '../permissions/scoped-query.ts';
import { writeHistory } from './history-entries.ts';
import { runRecordHooks } from './record-hooks.ts';
import { toApiRecord, visibleFields } from './record-shape.ts';
import { lockRecord } from './locked-record.ts';
import { deleteLocked, purgeLocked, restoreLocked } from './record-writer.ts';
import { msg } from '../core/messages/message.ts';
import { refuseWhileLocked } from './record-locks.ts';

function titleOf(object: ObjectInfo, row: Record<string, unknown>): string {
  const value = row[object.titleField];
  return value === null || value === undefined ? `#${row.id}` : String(value).slice(0, 500);
}

/** DELETE moves a record to the recycle bin: it disappears from every query but keeps its row. */
export async function deleteRecord(objectName: string, id: string, ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'delete', tctx);
    const { object, row } = locked;
    await refuseWhileLocked(object, row, 'delete', tctx);
    const hooked = ctx.hooks?.has(object.name, 'beforeDelete', 'afterDelete') === true;
    const record = hooked ? toApiRecord(visibleFields(object, resolvePolicy(tctx, object, 'read')), row) : undefined;
    if (hooked) await runRecordHooks(tctx, 'beforeDelete', object.name, { id: locked.id, record });
    await deleteLocked(locked, tctx);
    await trx('recycle_bin')
      .insert({ object: object.name, record_id: row.id, title: titleOf(object, row), deleted_by: ctx.actor.id })
      .onConflict(['object', 'record_id'])
      .merge();
    await writeHistory(trx, object, locked.id, 'delete', [], tctx);
    if (hooked) await runRecordHooks(tctx, 'afterDelete', object.name, { id: locked.id, record });
  });
}

export interface BinEntry {
  object: string;
  id: string;
  title: string | null;
  deletedAt: string;
  deletedBy: { id: string; name: string } | null;
}

/** The recycle bin lists only objects whose records the caller may delete (and so restore). */
export async function listRecycleBin(input: { object?: string; limit?: number; before?: string }, ctx: Ctx): Promise<BinEntry[]> {
  const objects = [...ctx.schema.objects.values()].filter((o) => !o.system && (!input.object || o.name === input.object));
  if (input.object && !objects.length) throw createError('NOT_FOUND', msg('record.noSuchObject', { name: input.object }));
  const allowed = objects.filter((o) => tryResolvePolicy(ctx, o, 'delete') !== null);
  if (!allowed.length) return [];
  // The entries are those of records the caller could restore: each object's deleted rows in scope.
  const inScope = allowed.map((o) => {
    const { query } = scopedQuery(ctx, o.name, 'delete', { rows: 'deleted' });
    return query.select(ctx.db.raw('?::text AS object', [o.name]), 't0.id AS record_id');
  });
  const visible = inScope.slice(1).reduce((union, next) => union.unionAll(next, true), inScope[0]);
  const query = ctx.db
    .with('visible', visible)
    .from('recycle_bin as b')
    .join('visible as v', (on) => on.on('v.object', 'b.object').andOn('v.record_id', 'b.record_id'))
    .leftJoin('users as u', 'u.id', 'b.deleted_by')
    .orderBy('b.deleted_at', 'desc')
    .limit(Math.min(Math.max(input.limit ?? 100, 1), 500))
    .select('b.object', 'b.record_id', 'b.title', 'b.deleted_at', 'b.deleted_by', 'u.name as deleted_by_name');
  if (input.before) query.where('b.deleted_at', '<', input.before);
  const rows = await query;
  return rows.map((r: Record<string, unknown>) => ({
    object: String(r.object),
    id: String(r.record_id),
    title: (r.title as string | null) ?? null,
    deletedAt: new Date(r.deleted_at as string).toISOString(),
    deletedBy: r.deleted_by ? { id: String(r.deleted_by), name: String(r.deleted_by_name) } : null,
  }));
}

export async function restoreRecord(objectName: string, id: string, ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (trx) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'delete', tctx, 'deleted');
    const { object } = locked;
    await restoreLocked(locked, tctx);
    await trx('recycle_bin').where({ object: object.name, record_id: locked.id }).delete();
    await writeHistory(trx, object, locked.id, 'restore', [], tctx);
  });
}

/** Removes a record for good. Lookups pointing at it are cleared (or, for 'restrict' lookups, refused). */
export async function purgeRecord(objectName: string, id: string, ctx: Ctx): Promise<void> {
  await ctx.db.transaction(async (trx: Knex) => {
    const tctx = withDb(ctx, trx);
    const locked = await lockRecord(objectName, id, 'delete', tctx, 'deleted');
    await purgeLocked(locked, tctx).catch((err: { code?: string }) => {
      if (err.code === '23503' || err.code === '23001') throw createError('CONFLICT', msg('record.stillReferenced'));
      throw err;
    });
    await trx('recycle_bin').where({ object: locked.object.name, record_id: locked.id }).delete();
  });
}
